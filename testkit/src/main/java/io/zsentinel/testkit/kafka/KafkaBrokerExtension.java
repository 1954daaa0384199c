package io.zsentinel.testkit.kafka;

import io.zsentinel.broker.EmbeddedKafka;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives tests a real Kafka broker: one embedded KRaft broker per test JVM, started on first
 * use and stopped when the run ends. Tests isolate themselves with their own topic prefix or
 * topic names ({@link #uniquePrefix}), not with their own broker: a broker costs seconds.
 *
 * <pre>{@code
 * @ExtendWith(KafkaBrokerExtension.class)
 * class MyTest {
 *     @Test void roundTrip(EmbeddedKafka kafka) { ... kafka.bootstrapServers() ... }
 * }
 * }</pre>
 */
public final class KafkaBrokerExtension implements ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(KafkaBrokerExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == EmbeddedKafka.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return broker(context);
    }

    /** The run's broker, started on first call. */
    public static EmbeddedKafka broker(ExtensionContext context) {
        return context.getRoot()
                .getStore(NAMESPACE)
                .computeIfAbsent("broker", key -> new SharedBroker(EmbeddedKafka.startTemporary()), SharedBroker.class)
                .kafka();
    }

    /** A topic prefix no other test in this run uses. */
    public static String uniquePrefix(String testName) {
        return "t" + Long.toHexString(System.nanoTime()) + "." + testName.replaceAll("[^A-Za-z0-9]", "");
    }

    private record SharedBroker(EmbeddedKafka kafka) implements AutoCloseable {
        @Override
        public void close() {
            kafka.close();
        }
    }
}
