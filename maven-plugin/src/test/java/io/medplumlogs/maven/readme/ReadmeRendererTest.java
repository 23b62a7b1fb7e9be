package io.medplumlogs.maven.readme;

import static io.medplumlogs.maven.Requests.deployment;
import static org.assertj.core.api.Assertions.assertThat;

import io.medplumlogs.maven.Requests;
import org.junit.jupiter.api.Test;

class ReadmeRendererTest {

    @Test
    void namesWhatTheSumoLogicSecretHolds() {
        assertThat(ReadmeRenderer.render(deployment(Requests.sumoLogicSized()))).contains("HTTP source URL");
    }
}
