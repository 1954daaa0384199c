package io.zsentinel.collector.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.zsentinel.chain.ChainView;
import io.zsentinel.collector.Thresholds;
import io.zsentinel.collector.job.DatasetChain;
import io.zsentinel.collector.job.JobEvaluator;
import io.zsentinel.collector.job.JobState;
import io.zsentinel.collector.topology.JsonSerde;
import io.zsentinel.collector.topology.Readiness;
import io.zsentinel.collector.topology.StoreNames;
import io.zsentinel.events.EventCodec;
import io.zsentinel.events.data.FindingData;
import io.zsentinel.events.state.JobStatus;
import io.zsentinel.events.state.PoolStatus;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * {@code /api/v1/*} from the Streams state stores (interactive queries; documented in
 * docs/api.md). A job's effective RPO is recomputed at the time of the request from its sync
 * point, so it grows with the wall clock between evaluations. Store reads run off the event loop.
 */
public final class ApiRoutes {
    private final Vertx vertx;
    private final KafkaStreams streams;
    private final Readiness readiness;
    private final Clock clock;
    private final Thresholds thresholds;

    private ApiRoutes(Vertx vertx, KafkaStreams streams, Readiness readiness, Clock clock, Thresholds thresholds) {
        this.vertx = vertx;
        this.streams = streams;
        this.readiness = readiness;
        this.clock = clock;
        this.thresholds = thresholds;
    }

    public static void mount(
            Router router, Vertx vertx, KafkaStreams streams, Readiness readiness, Clock clock, Thresholds thresholds) {
        ApiRoutes api = new ApiRoutes(vertx, streams, readiness, clock, thresholds);
        router.get("/api/v1/jobs").handler(ctx -> api.answer(ctx, api::jobs));
        router.get("/api/v1/jobs/:cluster/:jobid")
                .handler(
                        ctx -> api.answer(ctx, () -> api.job(ctx.pathParam("cluster") + "/" + ctx.pathParam("jobid"))));
        router.get("/api/v1/pools").handler(ctx -> api.answer(ctx, api::pools));
        router.get("/api/v1/findings").handler(ctx -> api.answer(ctx, api::findings));
    }

    private ObjectNode jobs() {
        ObjectNode body = EventCodec.mapper().createObjectNode();
        ArrayNode list = body.putArray("jobs");
        forEach(
                StoreNames.JOB_STATUS,
                JobStatus.class,
                s -> list.add(EventCodec.mapper().valueToTree(fresh(s))));
        body.put("generatedAt", clock.instant().toString());
        return body;
    }

    private ObjectNode job(String key) {
        JobStatus status = get(StoreNames.JOB_STATUS, JobStatus.class, key);
        if (status == null) {
            throw new NotFound("no job " + key);
        }
        ObjectNode body = EventCodec.mapper().valueToTree(fresh(status));
        JobState state = get(StoreNames.JOBS, JobState.class, key);
        if (state != null) {
            ArrayNode datasets = body.putArray("datasets");
            for (DatasetChain d : JobEvaluator.datasets(state, this::poolFree)) {
                ChainView chain = d.chain();
                ObjectNode n = datasets.addObject();
                n.put("dataset", d.dataset());
                n.put("targetDataset", d.targetDataset());
                n.put("chain", chain.state().name());
                n.put("evidence", chain.evidence());
                n.put("commonSnapshots", chain.common().size());
                n.put(
                        "newestCommon",
                        chain.newestCommon().map(c -> c.source().name()).orElse(null));
                chain.staleOwn().forEach(x -> n.withArray("staleOwnSnapshots").add(x.name()));
                chain.foreign().forEach(x -> n.withArray("foreignSnapshots").add(x.name()));
                n.put("backlogSnapshots", chain.backlog().size());
                n.put("backlogBytes", chain.backlogBytes());
            }
            ArrayNode findings = body.putArray("findings");
            state.findings
                    .values()
                    .forEach(e -> findings.add(EventCodec.mapper().valueToTree(e.last())));
        }
        return body;
    }

    private JobEvaluator.PoolFree poolFree(String poolKey) {
        PoolStatus p = get(StoreNames.POOL_STATUS, PoolStatus.class, poolKey);
        return p == null ? null : new JobEvaluator.PoolFree(poolKey, p.size(), p.free());
    }

    private ObjectNode pools() {
        ObjectNode body = EventCodec.mapper().createObjectNode();
        ArrayNode list = body.putArray("pools");
        forEach(
                StoreNames.POOL_STATUS,
                PoolStatus.class,
                p -> list.add(EventCodec.mapper().valueToTree(p)));
        body.put("generatedAt", clock.instant().toString());
        return body;
    }

    private ObjectNode findings() {
        ObjectNode body = EventCodec.mapper().createObjectNode();
        ArrayNode list = body.putArray("findings");
        forEach(
                StoreNames.FINDINGS,
                FindingData.class,
                f -> list.add(EventCodec.mapper().valueToTree(f)));
        body.put("generatedAt", clock.instant().toString());
        return body;
    }

    /** The status with its RPO measured now. */
    private JobStatus fresh(JobStatus s) {
        Long rpo = s.lastSync() == null
                ? null
                : Math.max(0, Duration.between(s.lastSync(), clock.instant()).getSeconds());
        return s.measured(rpo, clock.instant());
    }

    /** The stores hold JSON bytes ({@link JsonSerde}). */
    private <T> T get(String name, Class<T> type, String key) {
        return new JsonSerde<>(type).read(store(name).get(key), name);
    }

    private <T> void forEach(String name, Class<T> type, Consumer<T> action) {
        JsonSerde<T> json = new JsonSerde<>(type);
        try (KeyValueIterator<String, byte[]> it = store(name).all()) {
            it.forEachRemaining(kv -> action.accept(json.read(kv.value, name)));
        }
    }

    private ReadOnlyKeyValueStore<String, byte[]> store(String name) {
        boolean statuses = name.equals(StoreNames.JOB_STATUS) || name.equals(StoreNames.POOL_STATUS);
        if (statuses && !readiness.statusesComplete()) {
            throw new NotReady("the collector is evaluating what it holds (the first tick after a start or a"
                    + " rebalance): retry");
        }
        return streams.store(
                StoreQueryParameters.fromNameAndType(name, QueryableStoreTypes.<String, byte[]>keyValueStore()));
    }

    private void answer(RoutingContext ctx, Callable<ObjectNode> body) {
        vertx.executeBlocking(body).onComplete(result -> {
            if (result.succeeded()) {
                ctx.response()
                        .putHeader("content-type", "application/json")
                        .end(result.result().toString());
            } else if (result.cause() instanceof NotFound nf) {
                error(ctx, 404, nf.getMessage());
            } else if (result.cause() instanceof NotReady notReady) {
                error(ctx, 503, notReady.getMessage());
            } else if (result.cause() instanceof InvalidStateStoreException) {
                error(ctx, 503, "the collector's state is not ready (starting or rebalancing): retry");
            } else {
                error(ctx, 500, String.valueOf(result.cause()));
            }
        });
    }

    private static void error(RoutingContext ctx, int status, String message) {
        ObjectNode body = EventCodec.mapper().createObjectNode().put("error", message);
        ctx.response()
                .setStatusCode(status)
                .putHeader("content-type", "application/json")
                .end(body.toString());
    }

    private static final class NotFound extends RuntimeException {
        NotFound(String message) {
            super(message, null, false, false);
        }
    }

    private static final class NotReady extends RuntimeException {
        NotReady(String message) {
            super(message, null, false, false);
        }
    }
}
