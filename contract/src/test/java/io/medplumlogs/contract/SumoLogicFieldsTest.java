package io.medplumlogs.contract;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SumoLogicFieldsTest {

    @Test
    void keyValuePairsWithDistinctKeysAreFine() {
        assertThat(SumoLogicFields.problem("env=prod,team=core,stack=medplum-1")).isEmpty();
    }

    @Test
    void aRepeatedKeyIsNamedWithBothEntries() {
        assertThat(SumoLogicFields.problem("env=prod,team=a,Env=staging")).hasValue(
                "repeats the key Env (entries 1 and 3; Sumo Logic keeps one value per key, whatever its case);"
                        + " give each key once");
    }

    @Test
    void cloudWatchsOwnKeysAreTheForwarders() {
        assertThat(SumoLogicFields.problem("env=prod,logGroup=custom")).hasValue(
                "names the key logGroup (entry 2), which the forwarder sets on every request (logGroup, logStream,"
                        + " account); use another name");
    }

    @Test
    void anEntryThatIsNotKeyEqualsValueIsNamedByPositionWithoutQuotingIt() {
        assertThat(SumoLogicFields.problem("env=prod,secretish")).hasValue(
                "has entry 2 that is not key=value (comma-separated key=value pairs, each with one = and neither"
                        + " side empty)");
        assertThat(SumoLogicFields.problem("env=prod,")).hasValueSatisfying(p -> assertThat(p).contains("entry 2"));
        assertThat(SumoLogicFields.problem("a=b=c")).isPresent();
        assertThat(SumoLogicFields.problem("=b")).isPresent();
    }

    @Test
    void theSettingUsesTheRule() {
        Setting fields = Vendor.SUMOLOGIC.settings().stream()
                .filter(s -> s.environmentVariable().equals(SettingNames.SUMOLOGIC_FIELDS)).findFirst().orElseThrow();
        assertThat(fields.problem("env=prod,env=staging")).isPresent();
        assertThat(fields.problem("env=prod")).isEmpty();
    }
}
