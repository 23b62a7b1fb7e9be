package io.medplumlogs.forwarder.testing;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import java.nio.charset.StandardCharsets;

/** A Lambda {@link Context} whose remaining time counts down from the given budget, like the real one. */
public final class TestContext implements Context {

    private final long endNanos;
    private final String awsRequestId;

    public TestContext(long budgetMillis) {
        this(budgetMillis, "00000000-test-4000-8000-000000000000");
    }

    public TestContext(long budgetMillis, String awsRequestId) {
        this.endNanos = System.nanoTime() + budgetMillis * 1_000_000L;
        this.awsRequestId = awsRequestId;
    }

    @Override
    public int getRemainingTimeInMillis() {
        return (int) Math.max(0, (endNanos - System.nanoTime()) / 1_000_000L);
    }

    @Override
    public String getAwsRequestId() {
        return awsRequestId;
    }

    @Override
    public String getLogGroupName() {
        return "/aws/lambda/medplum-logs-forwarder";
    }

    @Override
    public String getLogStreamName() {
        return "2026/01/01/[$LATEST]test";
    }

    @Override
    public String getFunctionName() {
        return "medplum-logs-forwarder";
    }

    @Override
    public String getFunctionVersion() {
        return "$LATEST";
    }

    @Override
    public String getInvokedFunctionArn() {
        return "arn:aws:lambda:us-east-1:123456789012:function:medplum-logs-forwarder";
    }

    @Override
    public CognitoIdentity getIdentity() {
        return null;
    }

    @Override
    public ClientContext getClientContext() {
        return null;
    }

    @Override
    public int getMemoryLimitInMB() {
        return 1024;
    }

    @Override
    public LambdaLogger getLogger() {
        return new LambdaLogger() {
            @Override
            public void log(String message) {
                System.out.print(message);
            }

            @Override
            public void log(byte[] message) {
                log(new String(message, StandardCharsets.UTF_8));
            }
        };
    }
}
