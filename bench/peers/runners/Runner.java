import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import io.medplumlogs.bench.launcher.SnapStartRestore;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Runs our forwarder the way Lambda's Java runtime does: the handler class loaded by name and constructed once
 * (init), then one invocation per run with the event's bytes. With {@code -Dbench.restore=true} the SnapStart restore
 * hook runs between init and the first invocation ({@link SnapStartRestore}, compiled next to this class): the
 * SnapStart proxy. Marks go to stderr, one line each, for the parent to time. Args: handlerClass eventFile invocations
 */
public class Runner {

    public static void main(String[] args) throws Exception {
        RequestStreamHandler handler = (RequestStreamHandler) Class.forName(args[0]).getDeclaredConstructor()
                .newInstance();
        mark("init");
        if (SnapStartRestore.requested()) {
            mark(String.format("restore %.2f", SnapStartRestore.afterRestore(handler) / 1e6));
        }
        byte[] payload = Files.readAllBytes(Path.of(args[1]));
        int invocations = Integer.parseInt(args[2]);
        for (int i = 0; i < invocations; i++) {
            long start = System.nanoTime();
            long deadline = System.currentTimeMillis() + 120_000;
            String requestId = "bench-" + i;
            Context context = (Context) Proxy.newProxyInstance(Runner.class.getClassLoader(),
                    new Class<?>[] {Context.class}, (proxy, method, x) -> switch (method.getName()) {
                        case "getRemainingTimeInMillis" -> (int) (deadline - System.currentTimeMillis());
                        case "getMemoryLimitInMB" -> 1024;
                        case "getAwsRequestId" -> requestId;
                        case "getFunctionName" -> "bench";
                        case "getInvokedFunctionArn" -> "arn:aws:lambda:us-east-1:123456789012:function:bench";
                        default -> null;
                    });
            boolean ok = true;
            try {
                handler.handleRequest(new ByteArrayInputStream(payload), new ByteArrayOutputStream(), context);
            } catch (Exception e) {
                ok = false;
                System.err.println("handler error: " + e);
            }
            mark(String.format("invoke %d %.2f %s", i, (System.nanoTime() - start) / 1e6, ok ? "ok" : "error"));
        }
        String hwm = Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("VmHWM:"))
                .map(l -> l.split("\\s+")[1]).findFirst().orElse("-1");
        mark("rss_kib " + hwm);
    }

    private static void mark(String text) {
        System.err.println("MARK " + text);
        System.err.flush();
    }
}
