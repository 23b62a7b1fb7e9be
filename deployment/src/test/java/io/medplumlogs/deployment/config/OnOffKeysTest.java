package io.medplumlogs.deployment.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.medplumlogs.runtime.config.MedplumLogsBuildConfig;
import io.medplumlogs.runtime.config.MedplumLogsConfig;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

/**
 * index.adoc's configuration reference: "On/off keys take true or false (or the other words Quarkus reads as such)
 * ... Any other value stops start-up with a message naming the key and the value". Every on/off key of both
 * mappings, found from the mappings themselves (a key added later is held too), read as SmallRye reads it.
 */
class OnOffKeysTest {

    private static final List<Class<?>> MAPPINGS = List.of(MedplumLogsConfig.class, MedplumLogsBuildConfig.class);

    @Test
    void everyOnOffKeyRefusesATypoNamingTheKeyAndTakesTheWordsQuarkusReads() {
        List<String> keys = new ArrayList<>();
        for (Class<?> mapping : MAPPINGS) {
            for (String key : onOffKeys(mapping, mapping.getAnnotation(ConfigMapping.class).prefix())) {
                keys.add(key);
                assertThatThrownBy(() -> read(mapping, key, "ture")).as(key).hasMessageContaining(key)
                        .hasMessageContaining("ture").hasMessageContaining("expected true or false");
                for (String on : new String[] { "true", "YES", "on", "1" }) {
                    assertThat(read(mapping, key, on)).as(key + "=" + on).contains(key + "=true");
                }
                for (String off : new String[] { "false", "No", "off", "0" }) {
                    assertThat(read(mapping, key, off)).as(key + "=" + off).contains(key + "=false");
                }
            }
        }
        // the keys the reference lists as on/off: none is missed by the search above
        assertThat(keys).contains("quarkus.medplum-logs.json", "quarkus.medplum-logs.response-headers",
                "quarkus.medplum-logs.audit.enabled", "quarkus.medplum-logs.audit.include-non-application-endpoints",
                "quarkus.medplum-logs.audit.redact-non-fhir-queries", "quarkus.medplum-logs.fhir.exception-messages",
                "quarkus.medplum-logs.console-writer.background", "quarkus.medplum-logs.login.enabled");
    }

    /**
     * A blank value (spaces only: a property written {@code json= } from an environment variable of spaces) is no
     * setting, as SmallRye's own boolean converter reads it: {@code json} keeps its default by profile. The converter
     * that refuses typos refused it instead, and so stopped an application SmallRye alone started.
     */
    @Test
    void aBlankJsonIsNoSettingAsForSmallRye() {
        assertThat(read(MedplumLogsConfig.class, "quarkus.medplum-logs.json", " "))
                .isEqualTo("quarkus.medplum-logs.json=null");
        assertThat(read(MedplumLogsConfig.class, "quarkus.medplum-logs.json", "\t"))
                .isEqualTo("quarkus.medplum-logs.json=null");
    }

    /** The mapping read with {@code key=value}, as {@code key=<what the mapping holds>}. */
    private static String read(Class<?> mapping, String key, String value) {
        SmallRyeConfig config = new SmallRyeConfigBuilder().withMapping(mapping).withValidateUnknown(false)
                .withSources(new PropertiesConfigSource(Map.of(key, value), "test", 500)).build();
        Object group = config.getConfigMapping(mapping);
        String prefix = mapping.getAnnotation(ConfigMapping.class).prefix();
        Class<?> type = mapping;
        try {
            for (String part : key.substring(prefix.length() + 1).split("\\.")) {
                Method method = type.getMethod(camel(part));
                group = method.invoke(group);
                type = method.getReturnType();
            }
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(key, e);
        }
        return key + "=" + (group instanceof Optional<?> o ? o.orElse(null) : group);
    }

    private static List<String> onOffKeys(Class<?> group, String prefix) {
        List<String> keys = new ArrayList<>();
        for (Method method : group.getMethods()) {
            if (method.getParameterCount() > 0 || method.isDefault() || Modifier.isStatic(method.getModifiers())) {
                continue;
            }
            String key = prefix + "." + kebab(method.getName());
            Type type = method.getGenericReturnType();
            if (type == boolean.class || type == Boolean.class || isOptionalBoolean(type)) {
                keys.add(key);
            } else if (method.getReturnType().isInterface()
                    && method.getReturnType().getPackage().equals(group.getPackage())) {
                keys.addAll(onOffKeys(method.getReturnType(), key));
            }
        }
        return keys;
    }

    private static boolean isOptionalBoolean(Type type) {
        return type instanceof ParameterizedType p && p.getRawType() == Optional.class
                && p.getActualTypeArguments()[0] == Boolean.class;
    }

    private static String kebab(String name) {
        return name.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase();
    }

    private static String camel(String key) {
        StringBuilder out = new StringBuilder();
        boolean upper = false;
        for (char c : key.toCharArray()) {
            if (c == '-') {
                upper = true;
            } else {
                out.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return out.toString();
    }
}
