package io.medplumlogs.runtime.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** Lines of one thread leave in the order that thread logged them, whatever other threads log meanwhile. */
class BackgroundWriterOrderTest {

    @Test
    void eachThreadsLinesStayInOrder() throws Exception {
        int threads = 8;
        int perThread = 2000;
        try (ConsoleUnderTest console = new ConsoleUnderTest(16)) {
            List<Thread> started = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                String name = "t" + t;
                Thread thread = new Thread(() -> {
                    for (int i = 0; i < perThread; i++) {
                        console.logger("app").info(name + " " + i);
                    }
                });
                thread.start();
                started.add(thread);
            }
            for (Thread thread : started) {
                thread.join();
            }
            console.background.close();

            Map<String, Integer> next = new HashMap<>();
            for (String line : console.stdout.lines()) {
                String[] parts = line.split(" ");
                int expected = next.getOrDefault(parts[0], 0);
                assertThat(Integer.parseInt(parts[1])).as(line).isEqualTo(expected);
                next.put(parts[0], expected + 1);
            }
            assertThat(next).hasSize(threads).allSatisfy((thread, count) -> assertThat(count).isEqualTo(perThread));
        }
    }
}
