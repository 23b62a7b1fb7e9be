package io.medplumlogs.runtime.config;

import org.eclipse.microprofile.config.spi.Converter;

import io.medplumlogs.runtime.network.ProxyRange;

/**
 * One entry of {@code quarkus.medplum-logs.trusted-proxies}. Quarkus' {@code CidrAddressConverter} does not fit: it
 * requires a prefix (we accept single addresses) and its message does not say what a valid entry looks like.
 * SmallRye prefixes the message with the key and the value.
 */
public final class ProxyRangeConverter implements Converter<ProxyRange> {

    @Override
    public ProxyRange convert(String value) {
        String entry = value.trim();
        return entry.isEmpty() ? null : ProxyRange.parse(entry);
    }
}
