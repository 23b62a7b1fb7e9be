package io.medplumlogs.forwarder;

import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;
import org.slf4j.helpers.NOPMDCAdapter;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * The SLF4J provider of the Lambda zip (found through {@code META-INF/services}). The AWS SDK logs through SLF4J;
 * without a provider SLF4J prints two plain-text {@code SLF4J(W)} lines per cold start, which breaks "every line of
 * the forwarder is JSON". The SDK's warnings and errors become {@link ForwarderLog} lines (with the SDK's logger
 * name); its info and debug chatter is dropped, as in the SDK's default configuration.
 */
public final class SdkLogProvider implements SLF4JServiceProvider {

    private final ILoggerFactory loggers = SdkLogger::new;
    private final IMarkerFactory markers = new BasicMarkerFactory();
    private final MDCAdapter mdc = new NOPMDCAdapter();

    @Override
    public ILoggerFactory getLoggerFactory() {
        return loggers;
    }

    @Override
    public IMarkerFactory getMarkerFactory() {
        return markers;
    }

    @Override
    public MDCAdapter getMDCAdapter() {
        return mdc;
    }

    @Override
    public String getRequestedApiVersion() {
        return "2.0.99";
    }

    @Override
    public void initialize() {
        // nothing to set up: lines go straight to ForwarderLog
    }

    private static final class SdkLogger extends LegacyAbstractLogger {

        SdkLogger(String name) {
            this.name = name;
        }

        @Override
        public boolean isTraceEnabled() {
            return false;
        }

        @Override
        public boolean isDebugEnabled() {
            return false;
        }

        @Override
        public boolean isInfoEnabled() {
            return false;
        }

        @Override
        public boolean isWarnEnabled() {
            return true;
        }

        @Override
        public boolean isErrorEnabled() {
            return true;
        }

        @Override
        protected String getFullyQualifiedCallerName() {
            return null;
        }

        @Override
        protected void handleNormalizedLoggingCall(Level level, Marker marker, String pattern, Object[] arguments,
                Throwable error) {
            if (level == Level.WARN || level == Level.ERROR) {
                ForwarderLog.library(level.name(), name, MessageFormatter.basicArrayFormat(pattern, arguments), error);
            }
        }
    }
}
