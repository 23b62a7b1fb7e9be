package io.medplumlogs.maven.model;

import io.medplumlogs.contract.ForwarderContract;
import java.util.List;

/**
 * The size of the resource-based policy of the alias that the subscriptions invoke, as Lambda stores it. Lambda keeps
 * at most {@value #MAX_BYTES} bytes of it (Lambda quotas, "Function resource-based policy: 20 KB") and refuses the
 * permission that would pass that ("The final policy size (...) is bigger than the limit (20480)"), so a stack with
 * too many or too long log group names fails in the middle of its deploy. Counting the bytes here lets the generator
 * refuse that before anything is written.
 * <p>
 * Every generated permission is one statement in the form {@code GetPolicy} returns, written compactly:
 * <pre>{"Sid":"..","Effect":"Allow","Principal":{"Service":"logs.amazonaws.com"},"Action":"lambda:InvokeFunction",
 * "Resource":"arn:aws:lambda:REGION:ACCOUNT:function:NAME:ALIAS","Condition":{"StringEquals":{"AWS:SourceAccount":
 * "ACCOUNT"},"ArnLike":{"AWS:SourceArn":"arn:aws:logs:REGION:ACCOUNT:log-group:GROUP:*"}}}</pre>
 * What the template cannot know is counted at its longest: the statement ID CloudFormation makes up (Lambda allows
 * 100 characters), the partition and the region (the stack may be deployed anywhere), and a {@code /} as if escaped.
 */
public final class ResourcePolicy {

    /** Lambda's limit for one function's (or alias') resource-based policy. */
    public static final int MAX_BYTES = 20_480;

    private static final int SID = 100;
    private static final String PARTITION = "aws-us-gov";
    private static final String REGION = "ap-southeast-7";
    private static final String ACCOUNT = "123456789012";
    private static final String WRAPPER = "{\"Version\":\"2012-10-17\",\"Id\":\"default\",\"Statement\":[]}";

    private ResourcePolicy() {
    }

    /** Bytes of the policy: one statement per log group and the redrive schedule's. */
    public static int bytes(String functionName, List<AppLogGroup> groups) {
        int total = WRAPPER.length() + statement(functionName, "events.amazonaws.com",
                "arn:" + PARTITION + ":events:" + REGION + ":" + ACCOUNT + ":rule/" + ForwarderDeployment.redriveRuleName(functionName));
        for (AppLogGroup group : groups) {
            total += 1 + groupStatement(functionName, group.name());
        }
        return total;
    }

    /** How many of {@code groups}, taken in order, fit in the policy. */
    public static int groupsThatFit(String functionName, List<AppLogGroup> groups) {
        int total = bytes(functionName, List.of());
        int fit = 0;
        for (AppLogGroup group : groups) {
            total += 1 + groupStatement(functionName, group.name());
            if (total > MAX_BYTES) {
                break;
            }
            fit++;
        }
        return fit;
    }

    private static int groupStatement(String functionName, String groupName) {
        return statement(functionName, "logs.amazonaws.com",
                "arn:" + PARTITION + ":logs:" + REGION + ":" + ACCOUNT + ":log-group:" + groupName + ":*");
    }

    private static int statement(String functionName, String service, String sourceArn) {
        String text = "{\"Sid\":\"" + "s".repeat(SID) + "\",\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"" + service
                + "\"},\"Action\":\"lambda:InvokeFunction\",\"Resource\":\"arn:" + PARTITION + ":lambda:" + REGION + ":"
                + ACCOUNT + ":function:" + functionName + ":" + ForwarderContract.ALIAS
                + "\",\"Condition\":{\"StringEquals\":{\"AWS:SourceAccount\":\"" + ACCOUNT
                + "\"},\"ArnLike\":{\"AWS:SourceArn\":\"" + sourceArn + "\"}}}";
        // log group names are letters, digits and . - _ / #: only a / may come out escaped (\/)
        return text.length() + (int) text.chars().filter(c -> c == '/').count();
    }
}
