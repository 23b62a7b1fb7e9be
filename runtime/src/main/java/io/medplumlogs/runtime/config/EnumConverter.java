package io.medplumlogs.runtime.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

import org.eclipse.microprofile.config.spi.Converter;

import io.medplumlogs.runtime.identity.UserIdentity;
import io.medplumlogs.runtime.network.ForwardingHeader;

/**
 * Reads an enum key as users write it: the constant's lower-case hyphenated name ({@code x-forwarded-for}), in any
 * case ({@code X-Forwarded-For}), blanks around it ignored. SmallRye's default enum converter refuses
 * {@code X-Forwarded-For}, which these keys have always accepted, and its message lists the values unordered.
 * SmallRye prefixes the message with the key and the value.
 * <p>
 * One small converter class per enum, since SmallRye checks a converter's declared {@code convert} return type
 * against the key's type.
 */
public final class EnumConverter {

    private EnumConverter() {
    }

    /**
     * @throws IllegalArgumentException naming the value and listing the allowed ones
     */
    static <E extends Enum<E>> E convert(Class<E> type, String value) {
        String name = value.trim();
        E[] values = type.getEnumConstants();
        for (E candidate : values) {
            if (configName(candidate).equalsIgnoreCase(name)) {
                return candidate;
            }
        }
        throw new IllegalArgumentException("'" + value + "' is not one of the allowed values: "
                + Arrays.stream(values).map(EnumConverter::configName).collect(Collectors.joining(", ")));
    }

    /** The value a user writes for {@code constant}, as the generated config reference lists it. */
    static String configName(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** {@code quarkus.medplum-logs.user-identity}. */
    public static final class UserIdentityMode implements Converter<UserIdentity.Mode> {
        @Override
        public UserIdentity.Mode convert(String value) {
            return EnumConverter.convert(UserIdentity.Mode.class, value);
        }
    }

    /** {@code quarkus.medplum-logs.forwarding-header}. */
    public static final class ForwardingHeaders implements Converter<ForwardingHeader> {
        @Override
        public ForwardingHeader convert(String value) {
            return EnumConverter.convert(ForwardingHeader.class, value);
        }
    }
}
