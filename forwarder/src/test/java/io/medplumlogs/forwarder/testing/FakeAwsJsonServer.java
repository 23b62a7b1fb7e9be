package io.medplumlogs.forwarder.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The AWS JSON protocol as the SDK speaks it to Secrets Manager and SQS: POST, {@code X-Amz-Target: Service.Operation},
 * a JSON body in and out, errors as {@code {"__type":…,"message":…}}. Signatures are not checked.
 */
abstract class FakeAwsJsonServer extends FakeHttpServer {

    static final ObjectMapper JSON = new ObjectMapper();

    FakeAwsJsonServer() {
        super(null);
    }

    @Override
    final void handle(HttpExchange exchange) throws IOException {
        String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
        String operation = target == null ? "" : target.substring(target.indexOf('.') + 1);
        JsonNode request = JSON.readTree(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        Result result = answer(operation, request);
        exchange.getResponseHeaders().set("x-amzn-RequestId", java.util.UUID.randomUUID().toString());
        respond(exchange, result.status(), result.body());
    }

    abstract Result answer(String operation, JsonNode request);

    static Result ok(Object body) {
        return new Result(200, JSON.valueToTree(body).toString());
    }

    static Result error(int status, String type, String message) {
        return new Result(status, JSON.createObjectNode().put("__type", type).put("message", message).toString());
    }

    record Result(int status, String body) {
    }
}
