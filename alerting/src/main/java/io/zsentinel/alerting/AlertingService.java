package io.zsentinel.alerting;

import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.zsentinel.alerting.config.ReceiverConfig;
import io.zsentinel.alerting.config.WebhookReceiverConfig;
import io.zsentinel.alerting.config.ZabbixReceiverConfig;
import io.zsentinel.alerting.dispatch.Dispatcher;
import io.zsentinel.alerting.dispatch.ExecutorScheduler;
import io.zsentinel.alerting.dispatch.Settlement;
import io.zsentinel.alerting.inhibit.Inhibitor;
import io.zsentinel.alerting.kafka.FindingsLoop;
import io.zsentinel.alerting.kafka.KafkaAuditSink;
import io.zsentinel.alerting.kafka.Producers;
import io.zsentinel.alerting.kafka.StateReader;
import io.zsentinel.alerting.model.Alert;
import io.zsentinel.alerting.nflog.KafkaNotificationLog;
import io.zsentinel.alerting.notify.Integration;
import io.zsentinel.alerting.notify.Notifier;
import io.zsentinel.alerting.notify.Pipelines;
import io.zsentinel.alerting.notify.Stage;
import io.zsentinel.alerting.resync.ResyncHandler;
import io.zsentinel.alerting.silence.SilenceStore;
import io.zsentinel.alerting.silence.Silences;
import io.zsentinel.alerting.silence.SilencesApi;
import io.zsentinel.alerting.webhook.WebhookNotifier;
import io.zsentinel.alerting.zabbix.ZabbixNotifier;
import io.zsentinel.alerting.zabbix.ZabbixPublisher;
import io.zsentinel.alerting.zabbix.ZabbixSender;
import io.zsentinel.common.http.OpsRoutes;
import io.zsentinel.common.service.Service;
import io.zsentinel.common.service.ServiceContext;
import io.zsentinel.events.Envelope;
import io.zsentinel.events.EventType;
import io.zsentinel.events.data.FindingData;
import io.zsentinel.events.kafka.ReceivedEvent;
import io.zsentinel.events.kafka.StaticMembership;
import io.zsentinel.events.kafka.TopicAdmin;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.kafka.clients.producer.Producer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The alerting service: findings from Kafka through route, group, inhibit, silence, dedup and
 * retrying delivery to webhooks and Zabbix; job and pool items to Zabbix; the auto-resync
 * policy; the silences API. Only wiring: the decisions live in the stages and policies.
 */
public final class AlertingService implements Service {
    private static final Logger LOG = LoggerFactory.getLogger(AlertingService.class);

    private final List<AutoCloseable> resources = new ArrayList<>();
    private final Map<String, Supplier<Boolean>> readiness = new HashMap<>();
    private ExecutorScheduler scheduler;
    private Dispatcher dispatcher;
    private FindingsLoop findings;
    private ResyncHandler resync;
    private HttpServer http;
    private volatile boolean loaded;

    private AlertingService() {}

    public static AlertingService start(AlertingConfig config, ServiceContext context) {
        AlertingService service = new AlertingService();
        try {
            service.startAll(config, context);
            return service;
        } catch (RuntimeException e) {
            service.close();
            throw e;
        }
    }

    private void startAll(AlertingConfig config, ServiceContext ctx) {
        TopicAdmin.ensure(ctx.bootstrap(), ctx.topics());
        String source = Envelope.source("alerting", config.id());
        Producer<String, byte[]> producer = Producers.create(ctx.bootstrap(), "alerting-" + config.id());
        resources.add(producer::close);
        KafkaAuditSink audit = new KafkaAuditSink(producer, ctx.topics().audit(), source, ctx.clock());

        KafkaNotificationLog nflog =
                new KafkaNotificationLog(producer, ctx.topics().notificationLog());
        int entries = nflog.load(ctx.bootstrap(), ctx.clock().instant());
        SilenceStore silenceStore = new SilenceStore(producer, ctx.topics().silences());
        Silences silences = new Silences(silenceStore::write, config.silenceRetention());
        int silenceCount =
                silenceStore.load(ctx.bootstrap(), silences, ctx.clock().instant());
        LOG.info("alerting {}: {} nflog entries, {} silences loaded", config.id(), entries, silenceCount);

        scheduler = new ExecutorScheduler(ctx.clock(), "alerting-dispatch");
        resources.add(scheduler);
        Inhibitor inhibitor = new Inhibitor(config.inhibitRules());
        Map<String, Stage> pipelines = new HashMap<>();
        StateReader state = null;
        for (ReceiverConfig receiver : config.receivers().values()) {
            Notifier notifier;
            if (receiver instanceof WebhookReceiverConfig w) {
                WebhookNotifier webhook = new WebhookNotifier(
                        ctx.vertx(),
                        w.url(),
                        w.key(),
                        w.payload(),
                        w.timeout(),
                        w.caFile(),
                        config.externalUrl(),
                        ctx.clock());
                resources.add(webhook);
                notifier = webhook;
            } else {
                ZabbixReceiverConfig z = (ZabbixReceiverConfig) receiver;
                ZabbixSender sender = new ZabbixSender(z.server(), z.port(), z.compress(), z.timeout(), ctx.registry());
                ZabbixNotifier zabbix = new ZabbixNotifier(sender, z.hosts());
                resources.add(zabbix);
                notifier = zabbix;
                if (state == null) {
                    state = new StateReader(ctx.bootstrap(), ctx.topics().state());
                    resources.add(state);
                    state.start();
                }
                ZabbixPublisher publisher = new ZabbixPublisher(
                        sender, z.hosts(), state, ctx.clock(), z.sendInterval(), z.discoveryInterval(), z.name());
                resources.add(publisher);
                publisher.start();
            }
            Integration integration = new Integration(
                    receiver.name(), notifier, receiver.sendResolved(), receiver.maxAttempts(), receiver.backoff());
            pipelines.put(
                    receiver.name(),
                    Pipelines.build(
                            integration,
                            inhibitor,
                            silences,
                            nflog,
                            config.nflogRetention(),
                            scheduler,
                            audit,
                            ctx.registry()));
        }
        dispatcher = new Dispatcher(config.route(), pipelines::get, scheduler, inhibitor);
        scheduleGarbageCollection(nflog, ctx);
        resync = new ResyncHandler(
                config.resync(),
                producer,
                ctx.topics(),
                audit,
                ctx.clock(),
                config.id(),
                alert -> dispatcher.ingest(alert, Settlement.none()));

        findings = new FindingsLoop(
                ctx.bootstrap(),
                ctx.topics(),
                ctx.topics().prefix() + ".alerting." + config.id(),
                StaticMembership.instanceId(ctx.stateDir(), "alerting-" + config.id()),
                "alerting",
                (event, settlement) -> scheduler.execute(() -> handle(event, settlement)));
        resources.add(findings);
        findings.start();
        readiness.put("findings", findings::assigned);
        loaded = true;

        Router router = Router.router(ctx.vertx());
        OpsRoutes.mount(router, ctx.registry(), readiness);
        new SilencesApi(silences, ctx.clock()).mount(router);
        http = ctx.vertx()
                .createHttpServer()
                .requestHandler(router)
                .listen(config.httpPort(), config.httpHost())
                .await();
        resources.add(() -> http.close().await());
        ctx.registry().gauge("zsentinel.alerting.findings.pending", findings, FindingsLoop::pending);
        LOG.info("alerting {} listening on {}:{}", config.id(), config.httpHost(), http.actualPort());
    }

    /** Hourly, on the dispatcher thread (the nflog is read there): drop expired log entries. */
    private void scheduleGarbageCollection(KafkaNotificationLog nflog, ServiceContext ctx) {
        scheduler.schedule(java.time.Duration.ofHours(1), () -> {
            int n = nflog.collectGarbage(ctx.clock().instant());
            if (n > 0) {
                LOG.info("forgot {} expired notification log entries", n);
            }
            scheduleGarbageCollection(nflog, ctx);
        });
    }

    /** On the dispatcher thread: one record of the findings topic. */
    private void handle(ReceivedEvent received, Settlement settlement) {
        try {
            if (received.event().type() != EventType.FINDING) {
                return;
            }
            FindingData finding = received.event().data(FindingData.class);
            resync.onFinding(finding, settlement);
            Alert alert = Alert.fromFinding(finding);
            dispatcher.ingest(alert, settlement.retain());
        } finally {
            settlement.release();
        }
    }

    @Override
    public String name() {
        return "alerting";
    }

    @Override
    public boolean ready() {
        return loaded && findings != null && findings.assigned();
    }

    /** The port of the silences API and /metrics (useful with http.port 0). */
    public int httpPort() {
        return http == null ? -1 : http.actualPort();
    }

    @Override
    public void close() {
        if (scheduler != null && dispatcher != null) {
            scheduler.execute(dispatcher::stop);
        }
        List<AutoCloseable> reversed = new ArrayList<>(resources);
        Collections.reverse(reversed);
        // stop consuming first so nothing new arrives, then the rest in reverse start order
        if (findings != null) {
            reversed.remove(findings);
            reversed.add(0, findings);
        }
        for (AutoCloseable resource : reversed) {
            try {
                resource.close();
            } catch (Exception e) {
                LOG.warn("error while stopping alerting: {}", e.toString());
            }
        }
        resources.clear();
    }
}
