package io.medplumlogs.forwarder;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.medplumlogs.contract.ForwarderContract;
import io.medplumlogs.contract.SettingNames;
import io.medplumlogs.contract.Vendor;
import io.medplumlogs.forwarder.testing.ForwarderFixture;
import io.medplumlogs.forwarder.testing.ForwarderOutput;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A misspelt setting ({@code MEDPLUM_LOGS_SPLUNK_INDX}) or another vendor's was silently ignored: the logs went to the
 * token's default index, say, and nothing said why. The cold start names each {@code MEDPLUM_LOGS_*} variable it does
 * not read, never its value.
 */
class UnreadSettingTest {

    static final String VALUE = "security-audit-value";

    @RegisterExtension
    final ForwarderOutput output = new ForwarderOutput();

    @Test
    void aMisspeltOrAnotherVendorsSettingIsNamedAtColdStart() throws IOException {
        try (ForwarderFixture fixture = ForwarderFixture.start(Vendor.SPLUNK)) {
            fixture.environment().put("MEDPLUM_LOGS_SPLUNK_INDX", VALUE);
            fixture.environment().put(SettingNames.SUMOLOGIC_CATEGORY, VALUE);
            fixture.handler();

            List<JsonNode> unread = unreadLines();
            assertThat(unread).extracting(l -> l.path("variable").asText())
                    .containsExactlyInAnyOrder("MEDPLUM_LOGS_SPLUNK_INDX", SettingNames.SUMOLOGIC_CATEGORY);
            assertThat(unread).allSatisfy(l -> assertThat(l.path("level").asText()).isEqualTo("WARN"));
            assertThat(output.text()).doesNotContain(VALUE);
        }
    }

    /** Every variable of the contract, and every setting of the vendor in use, is read: no line for them. */
    @Test
    void everyVariableTheContractNamesIsRead() throws IOException, IllegalAccessException {
        for (Vendor vendor : Vendor.values()) {
            try (ForwarderFixture fixture = ForwarderFixture.start(vendor)) {
                for (Field f : ForwarderContract.class.getFields()) {
                    if (Modifier.isStatic(f.getModifiers()) && f.getName().startsWith("ENV_")
                            && f.get(null) instanceof String name && name.startsWith("MEDPLUM_LOGS_")) {
                        fixture.environment().putIfAbsent(name, " ");
                    }
                }
                vendor.settings().forEach(s -> fixture.environment().putIfAbsent(s.environmentVariable(), " "));
                fixture.handler();
            }
        }
        assertThat(unreadLines()).as(output.text()).isEmpty();
    }

    List<JsonNode> unreadLines() throws IOException {
        return output.lines().stream().filter(l -> l.has("variable")).toList();
    }
}
