package io.zsentinel.collector.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.zsentinel.collector.Thresholds;
import io.zsentinel.collector.job.DatasetChain;
import io.zsentinel.collector.job.JobEvaluator;
import io.zsentinel.collector.job.JobState;
import io.zsentinel.collector.topology.StoreNames;
import io.zsentinel.events.EventCodec;
import io.zsentinel.events.data.FindingData;
import io.zsentinel.events.state.JobStatus;
import io.zsentinel.events.state.PoolStatus;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
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
    private final Clock clock;
    private final Thresholds thresholds;

    private ApiRoutes(Vertx vertx, KafkaStreams streams, Clock clock, Thresholds thresholds) {
        this.vertx = vertx;
        this.streams = streams;
        this.clock = clock;
        this.thresholds = thresholds;
    }

    public static void mount(Router router, Vertx vertx, KafkaStreams streams, Clock clock, Thresholds thresholds) {
        ApiRoutes api = new ApiRoutes(vertx, streams, clock, thresholds);
        router.get("/api/v1/jobs").handler(ctx -> api.answer(ctx, api::jobs));
        router.get("/api/v1/jobs/:cluster/:jobid").handler(ctx -> api.answer(ctx,
                () -> api.job(ctx.pathParam("cluster") + "/" + ctx.pathParam("jobid"))));
        router.get("/api/v1/pools").handler(ctx -> api.answer(ctx, api::pools));
        router.get("/api/v1/findings").handler(ctx -> api.answer(ctx, api::findings));
    }

    private ObjectNode jobs() {
        ObjectNode body = EventCodec.mapper().createObjectNode();
        ArrayNode list = body.putArray("jobs");
        try (KeyValueIterator<String, JobStatus> it = store(StoreNames.JOB_STATUS, JobStatus.class).all()) {
            it.forEachRemaining(kv -> list.add(EventCodec.mapper().valueToTree(fresh(kv.value))));
        }
        body.put("generatedAt", clock.instant().toString());
        return body;
    }

    private ObjectNode job(String key) {
        JobStatus status = store(StoreNames.JOB_STATUS, JobStatus.class).get(key);
        if (status == null) {
            throw new NotFound("no job " + key);
        }
        ObjectNode body = EventCodec.mapper().valueToTree(fresh(status));
        JobState state = store(StoreNames.JOBS, JobState.class).get(key);
        if (state != null) {
            ArrayNode datasets = body.putArray("datasets");
            for (DatasetChain d : JobEvaluator.datasets(state)) {
                ObjectNode n = datasets.addObject();
                n.put("dataset", d.dataset());
                n.put("targetDataset", d.targetDataset());
                n.put("chain", d.chain().state().name());
                n.put("evidence", d.chain().evidence());
                n.put("commonSnapshots", d.chain().commonCount());
                n.put("newestCommon", d.chain().newestCommon() == null ? null : d.chain().newestCommon().name());
                n.put("backlogSnapshots", d.chain().backlogSnapshots());
                n.put("backlogBytes", d.chain().backlogBytes());
            }
            ArrayNode findings = body.putArray("findings");
            state.findings.values().forEach(e -> findings.add(EventCodec.mapper().valueToTree(e.last())));
        }
        return body;
    }

    private ObjectNode pools() {
        ObjectNode body = EventCodec.mapper().createObjectNode();
        ArrayNode list = body.putArray("pools");
        try (KeyValueIterator<String, PoolStatus> it = store(StoreNames.POOL_STATUS, PoolStatus.class).all()) {
            it.forEachRemaining(kv -> list.add(EventCodec.mapper().valueToTree(kv.value)));
        }
        body.put("generatedAt", clock.instant().toString());
        return body;
    }

    private ObjectNode findings() {
        ObjectNode body = EventCodec.mapper().createObjectNode();
        ArrayNode list = body.putArray("findings");
        try (KeyValueIterator<String, FindingData> it = store(StoreNames.FINDINGS, FindingData.class).all()) {
            it.forEachRemaining(kv -> list.add(EventCodec.mapper().valueToTree(kv.value)));
        }
        body.put("generatedAt", clock.instant().toString());
        return body;
    }

    /** The status with its RPO measured now. */
    private JobStatus fresh(JobStatus s) {
        Long rpo = s.lastSync() == null ? null
                : Math.max(0, Duration.between(s.lastSync(), clock.instant()).getSeconds());
        return new JobStatus(s.job(), s.source(), s.target(), s.executor(), s.enabled(), s.schedule(), s.lastSync(),
                s.lastSnapshot(), s.lastTry(), s.nextRun(), s.durationMs(), s.failCount(), s.lastErrorClass(),
                s.lastError(), s.state(), rpo, s.rpoTargetSeconds(), s.chain(), s.backlogSnapshots(), s.backlogBytes(),
                s.transfer(), clock.instant());
    }

    private <T> ReadOnlyKeyValueStore<String, T> store(String name, Class<T> type) {
        return streams.store(StoreQueryParameters.fromNameAndType(name, QueryableStoreTypes.<String, T>keyValueStore()));
    }

    private void answer(RoutingContext ctx, Callable<ObjectNode> body) {
        vertx.executeBlocking(body).onComplete(result -> {
            if (result.succeeded()) {
                ctx.response().putHeader("content-type", "application/json").end(result.result().toString());
            } else if (result.cause() instanceof NotFound nf) {
                error(ctx, 404, nf.getMessage());
            } else if (result.cause() instanceof InvalidStateStoreException) {
                error(ctx, 503, "the collector's state is not ready (starting or rebalancing): retry");
            } else {
                error(ctx, 500, String.valueOf(result.cause()));
            }
        });
    }

    private static void error(RoutingContext ctx, int status, String message) {
        ObjectNode body = EventCodec.mapper().createObjectNode().put("error", message);
        ctx.response().setStatusCode(status).putHeader("content-type", "application/json").end(body.toString());
    }

    private static final class NotFound extends RuntimeException {
        NotFound(String message) {
            super(message, null, false, false);
        }
    }
}
