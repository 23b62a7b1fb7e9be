import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import io.medplumlogs.contract.ForwarderContract;
import java.io.ByteArrayOutputStream;
import java.io.FileInputStream;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Runs the handler as Lambda's Java runtime would, from the unpacked zip's classpath alone: compiled and run by the
 * JDK's source launcher, so no test class of the module is on the classpath. Each argument is a payload file; the
 * handler's results are written to the file named by the system property {@code results}.
 */
public class ZipLauncher {
    public static void main(String[] args) throws Exception {
        String className = ForwarderContract.HANDLER.substring(0, ForwarderContract.HANDLER.indexOf("::"));
        RequestStreamHandler handler = (RequestStreamHandler) Class.forName(className).getDeclaredConstructor()
                .newInstance();
        // (Alike to bench's ColdStartLauncher: this one runs inside a test from a resource, bench code is not shared.)
        long end = System.currentTimeMillis() + 60_000;
        Context context = (Context) Proxy.newProxyInstance(ZipLauncher.class.getClassLoader(),
                new Class<?>[] {Context.class}, (proxy, method, a) -> switch (method.getName()) {
                    case "getRemainingTimeInMillis" -> (int) (end - System.currentTimeMillis());
                    case "getMemoryLimitInMB" -> 1024;
                    case "getAwsRequestId", "getFunctionName" -> "zip-launcher";
                    default -> null;
                });
        // results go to a file: stdout and stderr are what Lambda would capture, and must hold only the forwarder's
        // own JSON lines
        StringBuilder results = new StringBuilder();
        for (String file : args) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (FileInputStream in = new FileInputStream(file)) {
                handler.handleRequest(in, out, context);
            }
            results.append("RESULT ").append(out).append('\n');
        }
        Files.writeString(Path.of(System.getProperty("results")), results.toString());
    }
}
