package io.medplumlogs.runtime.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;

import io.medplumlogs.runtime.identity.UserIdentity.Mode;

class UserIdentityTest {

    @Test
    void hashIsKeyedHmacSha256CutToSixteenHexChars() throws Exception {
        UserIdentity identity = UserIdentity.create(Mode.HASH, Optional.of("k3y"));

        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec("k3y".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String expected = HexFormat.of().formatHex(mac.doFinal("homer@example.com".getBytes(StandardCharsets.UTF_8)))
                .substring(0, 16);

        assertThat(identity.forLog("homer@example.com")).contains(expected);
        assertThat(expected).matches("[0-9a-f]{16}");
        assertThat(identity.isEphemeralKey()).isFalse();
    }

    @Test
    void hashIsStableForTheSameKeyAndDiffersAcrossKeysAndUsers() {
        UserIdentity a = UserIdentity.create(Mode.HASH, Optional.of("key-a"));
        UserIdentity sameKey = UserIdentity.create(Mode.HASH, Optional.of("key-a"));
        UserIdentity b = UserIdentity.create(Mode.HASH, Optional.of("key-b"));

        assertThat(a.forLog("homer")).isEqualTo(sameKey.forLog("homer")).isEqualTo(a.forLog("homer"));
        assertThat(a.forLog("homer")).isNotEqualTo(b.forLog("homer")).isNotEqualTo(a.forLog("marge"));
        assertThat(a.forLog("homer").orElseThrow()).doesNotContain("homer");
    }

    @Test
    void withoutAKeyHashUsesARandomPerProcessKey() {
        UserIdentity first = UserIdentity.create(Mode.HASH, Optional.empty());
        UserIdentity second = UserIdentity.create(Mode.HASH, Optional.empty());

        assertThat(first.isEphemeralKey()).isTrue();
        assertThat(first.forLog("homer")).isEqualTo(first.forLog("homer"));
        assertThat(first.forLog("homer")).isNotEqualTo(second.forLog("homer"));
        assertThat(first.forLog("homer").orElseThrow()).matches("[0-9a-f]{16}");
    }

    @Test
    void plainWritesTheNameButCannotBreakTheLine() {
        UserIdentity plain = UserIdentity.create(Mode.PLAIN, Optional.empty());

        assertThat(plain.isEphemeralKey()).isTrue(); // failed logins are hashed in plain mode too
        assertThat(plain.forLog("homer")).contains("homer");
        assertThat(plain.forLog("homer\r\n{\"level\":\"ERROR\"}\u2028")).contains("homer??{\"level\":\"ERROR\"}?");
        assertThat(plain.forLog("x".repeat(10_000)).orElseThrow()).hasSize(UserIdentity.MAX_PLAIN_LENGTH);
        String emoji = "a".repeat(UserIdentity.MAX_PLAIN_LENGTH - 1) + "\uD83D\uDE00";
        assertThat(plain.forLog(emoji).orElseThrow()).isEqualTo("a".repeat(UserIdentity.MAX_PLAIN_LENGTH - 1));
    }

    /**
     * An auditor reads the user field on a screen: a name that displays as another account's ("adm" + zero-width
     * space + "in" shows as admin) or reorders what follows (a right-to-left override) must show that it does.
     */
    @Test
    void plainShowsInvisibleAndReorderingCharactersOfANameAsMarks() {
        UserIdentity plain = UserIdentity.create(Mode.PLAIN, Optional.empty());

        assertThat(plain.forLog("adm\u200Bin")).contains("adm?in");
        assertThat(plain.forLog("\u202Enimda")).contains("?nimda");
        assertThat(plain.forLog("ad\u2066m\u2069in\uFEFF")).contains("ad?m?in?");
        assertThat(plain.forLog("x\uD800y\uDC00")).as("unpaired surrogates").contains("x?y?");
        // invisible without being format characters (Unicode's default-ignorable code points), and the blank braille
        assertThat(plain.forLog("adm\uFE0Fin")).as("variation selector").contains("adm?in");
        assertThat(plain.forLog("adm\u034Fin")).as("combining grapheme joiner").contains("adm?in");
        assertThat(plain.forLog("admin\u3164")).as("Hangul filler").contains("admin?");
        assertThat(plain.forLog("adm\uDB40\uDD00in")).as("variation selector 17").contains("adm?in");
        assertThat(plain.forLog("ad\u115Fm\u17B4in\u2800")).contains("ad?m?in?");
        assertThat(plain.forLog("Zoë \uD83D\uDE00 Łukasz")).as("letters and emoji stay").contains("Zoë \uD83D\uDE00 Łukasz");
    }

    @Test
    void aFailedLoginsTypedNameIsAlwaysTheKeyedHash() {
        UserIdentity hash = UserIdentity.create(Mode.HASH, Optional.of("k"));
        UserIdentity plain = UserIdentity.create(Mode.PLAIN, Optional.of("k"));

        assertThat(hash.forFailedLogin("homer")).isEqualTo(hash.forLog("homer"));
        assertThat(plain.forFailedLogin("homer")).isEqualTo(hash.forLog("homer"));
        assertThat(plain.forFailedLogin("homer").orElseThrow()).matches("[0-9a-f]{16}");
        assertThat(UserIdentity.create(Mode.PLAIN, Optional.empty()).forFailedLogin("homer").orElseThrow())
                .matches("[0-9a-f]{16}");
        assertThat(UserIdentity.create(Mode.NONE, Optional.of("k")).forFailedLogin("homer")).isEmpty();
        assertThat(hash.forFailedLogin(null)).isEmpty();
        assertThat(plain.forFailedLogin("")).isEmpty();
    }

    @Test
    void aHugeNameIsHashedWholeAndWrittenCut() {
        // 1 MB: the hash covers every char (two names sharing the first 256 chars are two accounts), the plain value
        // is the cut, and neither is longer than its rule
        UserIdentity hash = UserIdentity.create(Mode.HASH, Optional.of("k"));
        String huge = "a".repeat(1 << 20);
        String twin = "a".repeat((1 << 20) - 1) + "b";
        assertThat(hash.forLog(huge).orElseThrow()).matches("[0-9a-f]{16}").isNotEqualTo(hash.forLog(twin).orElseThrow())
                .isNotEqualTo(hash.forLog(huge.substring(0, UserIdentity.MAX_PLAIN_LENGTH)).orElseThrow());
        assertThat(hash.forFailedLogin(huge)).isEqualTo(hash.forLog(huge));
        UserIdentity plain = UserIdentity.create(Mode.PLAIN, Optional.of("k"));
        assertThat(plain.forLog(twin).orElseThrow()).isEqualTo("a".repeat(UserIdentity.MAX_PLAIN_LENGTH));
        assertThat(plain.forFailedLogin(twin)).isEqualTo(hash.forLog(twin));
        // a lone surrogate at the cut is not kept half; one past the cut is not reached
        assertThat(plain.forLog("a".repeat(UserIdentity.MAX_PLAIN_LENGTH - 1) + "\uDC00" + "z").orElseThrow())
                .isEqualTo("a".repeat(UserIdentity.MAX_PLAIN_LENGTH - 1) + "?");
    }

    @Test
    void noneAndAnonymousWriteNothing() {
        assertThat(UserIdentity.create(Mode.NONE, Optional.of("k")).forLog("homer")).isEmpty();
        assertThat(UserIdentity.create(Mode.HASH, Optional.of("k")).forLog(null)).isEmpty();
        assertThat(UserIdentity.create(Mode.HASH, Optional.of("k")).forLog("")).isEmpty();
        assertThat(UserIdentity.create(Mode.PLAIN, Optional.empty()).forLog(null)).isEmpty();
    }

    @Test
    void blankKeyIsRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> UserIdentity.create(Mode.HASH, Optional.of("  ")));
    }

    @Test
    void hashingIsThreadSafe() throws Exception {
        UserIdentity identity = UserIdentity.create(Mode.HASH, Optional.of("shared"));
        List<String> users = List.of("a", "b", "c", "d");
        Set<String> expected = Set.of(identity.forLog("a").orElseThrow(), identity.forLog("b").orElseThrow(),
                identity.forLog("c").orElseThrow(), identity.forLog("d").orElseThrow());
        Set<String> seen = ConcurrentHashMap.newKeySet();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < 5_000; i++) {
                        seen.add(identity.forLog(users.get(i % users.size())).orElseThrow());
                    }
                }));
            }
            for (Future<?> f : futures) {
                f.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(seen).isEqualTo(expected);
    }
}
