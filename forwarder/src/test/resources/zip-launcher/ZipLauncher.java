import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import io.medplumlogs.vendors.ForwarderContract;
import java.io.ByteArrayOutputStream;
import java.io.FileInputStream;
import java.lang.reflect.Proxy;

/**
 * Runs the handler as Lambda's Java runtime would, from the unpacked zip's classpath alone: compiled and run by the
 * JDK's source launcher, so no test class of the module is on the classpath. Each argument is a payload file.
 */
public class ZipLauncher {
    public static void main(String[] args) throws Exception {
        String className = ForwarderContract.HANDLER.substring(0, ForwarderContract.HANDLER.indexOf("::"));
        RequestStreamHandler handler = (RequestStreamHandler) Class.forName(className).getDeclaredConstructor()
                .newInstance();
        long end = System.currentTimeMillis() + 60_000;
        Context context = (Context) Proxy.newProxyInstance(ZipLauncher.class.getClassLoader(),
                new Class<?>[] {Context.class}, (proxy, method, a) -> switch (method.getName()) {
                    case "getRemainingTimeInMillis" -> (int) (end - System.currentTimeMillis());
                    case "getMemoryLimitInMB" -> 1024;
                    case "getAwsRequestId", "getFunctionName" -> "zip-launcher";
                    default -> null;
                });
        for (String file : args) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (FileInputStream in = new FileInputStream(file)) {
                handler.handleRequest(in, out, context);
            }
            System.out.println("RESULT " + out);
        }
    }
}
