package io.medplumlogs.forwarder.delivery;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse.BodySubscriber;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * A response body as UTF-8 text, keeping at most a given number of bytes and reading (and dropping) the rest: a
 * vendor's answer is only ever quoted in a failure's excerpt, and an endless or huge body must not fill the memory.
 */
final class CappedText implements BodySubscriber<String> {

    private final int maxBytes;
    private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
    private final CompletableFuture<String> text = new CompletableFuture<>();

    private CappedText(int maxBytes) {
        this.maxBytes = maxBytes;
    }

    static CappedText of(int maxBytes) {
        return new CappedText(maxBytes);
    }

    @Override
    public CompletionStage<String> getBody() {
        return text;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        subscription.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
        for (ByteBuffer buffer : buffers) {
            int room = maxBytes - kept.size();
            int take = Math.min(room, buffer.remaining());
            if (take > 0) {
                byte[] bytes = new byte[take];
                buffer.get(bytes);
                kept.write(bytes, 0, take);
            }
        }
    }

    @Override
    public void onError(Throwable failure) {
        text.completeExceptionally(failure);
    }

    @Override
    public void onComplete() {
        // a cut inside a character leaves U+FFFD at the end, which the excerpt's cut removes or keeps as text
        text.complete(new String(kept.toByteArray(), StandardCharsets.UTF_8));
    }
}
