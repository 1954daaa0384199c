package io.zsentinel.alerting.silence;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.zsentinel.alerting.model.Matcher;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * The silences HTTP API (Alertmanager v2 shapes): {@code POST /api/v1/silences} creates (or
 * updates, with an {@code id}), {@code GET /api/v1/silences[/{id}]} lists, and
 * {@code DELETE /api/v1/silences/{id}} expires. Answers only once the change is durable.
 */
public final class SilencesApi {
    private static final String BASE = "/api/v1/silences";
    private final Silences silences;
    private final Clock clock;

    public SilencesApi(Silences silences, Clock clock) {
        this.silences = silences;
        this.clock = clock;
    }

    public void mount(Router router) {
        router.post(BASE).handler(BodyHandler.create().setBodyLimit(64 * 1024)).handler(this::create);
        router.get(BASE).handler(this::list);
        router.get(BASE + "/:id").handler(this::get);
        router.delete(BASE + "/:id").handler(this::expire);
    }

    private void create(RoutingContext ctx) {
        Silence silence;
        try {
            JsonObject body = ctx.body().asJsonObject();
            if (body == null) {
                throw new IllegalArgumentException("the body must be a JSON object");
            }
            silence = parse(body, clock.instant());
        } catch (IllegalArgumentException | ClassCastException | io.vertx.core.json.DecodeException e) {
            error(ctx, 400, e.getMessage());
            return;
        }
        reply(
                ctx,
                silences.put(silence),
                s -> ctx.response()
                        .setStatusCode(201)
                        .putHeader("content-type", "application/json")
                        .end(new JsonObject().put("silenceID", s.id()).encode()));
    }

    private void list(RoutingContext ctx) {
        Instant now = clock.instant();
        JsonArray array = new JsonArray();
        silences.all(now).forEach(s -> array.add(toJson(s, now)));
        ctx.response().putHeader("content-type", "application/json").end(array.encode());
    }

    private void get(RoutingContext ctx) {
        silences.get(ctx.pathParam("id"))
                .ifPresentOrElse(
                        s -> ctx.response()
                                .putHeader("content-type", "application/json")
                                .end(toJson(s, clock.instant()).encode()),
                        () -> error(ctx, 404, "no silence " + ctx.pathParam("id")));
    }

    private void expire(RoutingContext ctx) {
        silences.expire(ctx.pathParam("id"), clock.instant())
                .ifPresentOrElse(
                        cf -> reply(
                                ctx,
                                cf,
                                s -> ctx.response()
                                        .putHeader("content-type", "application/json")
                                        .end(toJson(s, clock.instant()).encode())),
                        () -> error(ctx, 404, "no silence " + ctx.pathParam("id")));
    }

    private static void reply(
            RoutingContext ctx, CompletableFuture<Silence> done, java.util.function.Consumer<Silence> ok) {
        Context context = ctx.vertx().getOrCreateContext();
        Future.fromCompletionStage(done, context).onComplete(ar -> {
            if (ar.succeeded()) {
                ok.accept(ar.result());
            } else {
                error(ctx, 503, "could not persist the silence: " + ar.cause().getMessage());
            }
        });
    }

    static Silence parse(JsonObject body, Instant now) {
        JsonArray matchersJson = body.getJsonArray("matchers");
        if (matchersJson == null || matchersJson.isEmpty()) {
            throw new IllegalArgumentException("matchers: at least one is required");
        }
        List<Matcher> matchers = new ArrayList<>();
        for (Object item : matchersJson) {
            if (item instanceof String text) {
                matchers.add(Matcher.parse(text));
            } else if (item instanceof JsonObject m) {
                boolean regex = m.getBoolean("isRegex", false);
                boolean equal = m.getBoolean("isEqual", true);
                Matcher.Op op = regex
                        ? (equal ? Matcher.Op.REGEX : Matcher.Op.NOT_REGEX)
                        : (equal ? Matcher.Op.EQUAL : Matcher.Op.NOT_EQUAL);
                matchers.add(new Matcher(m.getString("name"), op, m.getString("value", "")));
            } else {
                throw new IllegalArgumentException(
                        "matchers: each is {name, value, isRegex, isEqual} or 'name=\"value\"'");
            }
        }
        if (matchers.stream().allMatch(m -> m.matches(java.util.Map.of()))) {
            throw new IllegalArgumentException("matchers: would silence every alert (each matches an empty label set)");
        }
        Instant startsAt = time(body, "startsAt", now);
        Instant endsAt;
        if (body.containsKey("endsAt")) {
            endsAt = time(body, "endsAt", null);
        } else if (body.containsKey("duration")) {
            endsAt = startsAt.plus(io.zsentinel.common.config.Durations.parse(body.getString("duration")));
        } else {
            throw new IllegalArgumentException("endsAt (RFC 3339) or duration (e.g. 2h) is required");
        }
        if (!endsAt.isAfter(startsAt) || !endsAt.isAfter(now)) {
            throw new IllegalArgumentException("endsAt must be after startsAt and in the future");
        }
        if (Duration.between(startsAt, endsAt).compareTo(Duration.ofDays(365)) > 0) {
            throw new IllegalArgumentException("a silence lasts at most 365 days");
        }
        String createdBy = body.getString("createdBy");
        if (createdBy == null || createdBy.isBlank()) {
            throw new IllegalArgumentException("createdBy is required");
        }
        String id = body.getString("id", UUID.randomUUID().toString());
        return new Silence(id, matchers, startsAt, endsAt, createdBy, body.getString("comment", ""), now);
    }

    private static Instant time(JsonObject body, String key, Instant defaultValue) {
        String text = body.getString(key);
        if (text == null) {
            return defaultValue;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(key + ": '" + text + "' is not an RFC 3339 time");
        }
    }

    static JsonObject toJson(Silence s, Instant now) {
        JsonArray matchers = new JsonArray();
        for (Matcher m : s.matchers()) {
            matchers.add(new JsonObject()
                    .put("name", m.name())
                    .put("value", m.value())
                    .put("isRegex", m.op() == Matcher.Op.REGEX || m.op() == Matcher.Op.NOT_REGEX)
                    .put("isEqual", m.op() == Matcher.Op.EQUAL || m.op() == Matcher.Op.REGEX));
        }
        return new JsonObject()
                .put("id", s.id())
                .put("matchers", matchers)
                .put("startsAt", s.startsAt().toString())
                .put("endsAt", s.endsAt().toString())
                .put("updatedAt", s.updatedAt().toString())
                .put("createdBy", s.createdBy())
                .put("comment", s.comment())
                .put("status", new JsonObject().put("state", s.state(now).name().toLowerCase()));
    }

    private static void error(RoutingContext ctx, int status, String message) {
        ctx.response()
                .setStatusCode(status)
                .putHeader("content-type", "application/json")
                .end(new JsonObject()
                        .put("error", message == null ? "invalid request" : message)
                        .encode());
    }
}
