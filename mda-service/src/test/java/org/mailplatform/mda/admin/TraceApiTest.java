package org.mailplatform.mda.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mailplatform.mda.admin.AdminClient.encode;
import static org.mailplatform.mda.admin.ProblemAssertions.assertProblem;
import static org.mailplatform.mda.admin.ProblemAssertions.errorFields;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mailplatform.store.trace.MessageEventRepository;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** GET /api/v1/trace over real HTTP, on events in the real database. */
@AdminApiTest
class TraceApiTest {

    @LocalServerPort
    int port;

    @Autowired
    MessageEventRepository repository;

    AdminClient api;
    TraceEvents written;

    @BeforeEach
    void write() {
        api = AdminClient.withToken(port);
        written = TraceEvents.write(repository);
    }

    @Test
    void byQueueIdTheEventsComeInTimeOrderUnderTheirMessage() {
        AdminClient.Reply reply = api.get("/api/v1/trace?queueId=" + written.queueId());

        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        JsonNode messages = reply.json().path("messages");
        assertThat(messages).hasSize(1);
        assertThat(messages.get(0).path("queueId").asString()).isEqualTo(written.queueId());
        assertThat(messages.get(0).path("messageId").asString()).isEqualTo(written.messageId());
        assertThat(kinds(messages.get(0))).containsExactly("accepted", "accepted", "delivered", "deferred");
        JsonNode accepted = messages.get(0).path("events").get(0).path("detail");
        assertThat(accepted.path("port").asInt()).isEqualTo(587);
        assertThat(accepted.path("user").asString()).isEqualTo("alice@example.test");
        assertThat(messages.get(0).path("events").get(2).path("detail").path("uid").asLong()).isEqualTo(42);
        assertThat(reply.json().path("truncated").asBoolean()).isFalse();
    }

    @Test
    void byMessageIdWithOrWithoutBracketsAndByRecipientInItsTimeRange() {
        String bare = written.messageId().substring(1, written.messageId().length() - 1);
        for (String id : List.of(written.messageId(), bare)) {
            JsonNode messages = api.get("/api/v1/trace?messageId=" + encode(id)).json().path("messages");
            assertThat(messages).hasSize(1);
            assertThat(kinds(messages.get(0))).hasSize(4);
        }

        JsonNode inRange = api.get("/api/v1/trace?recipient=" + encode(written.remote().toUpperCase())
                + "&since=2026-11-30T09:00:00Z&until=2026-11-30T11:00:00Z").json().path("messages");
        assertThat(inRange).hasSize(1);
        assertThat(inRange.get(0).path("queueId").asString()).isEqualTo(written.queueId());

        JsonNode outside = api.get("/api/v1/trace?recipient=" + encode(written.remote())
                + "&since=2026-11-30T11:00:00Z&until=2026-11-30T12:00:00Z").json().path("messages");
        assertThat(outside).isEmpty();
    }

    @Test
    void asTextEachEventIsOneLine() {
        AdminClient.Reply reply = api.getAccepting("/api/v1/trace?queueId=" + written.queueId(), "text/plain");

        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        assertThat(reply.header("Content-Type").orElseThrow()).startsWith("text/plain");
        List<String> lines = reply.body().lines().toList();
        assertThat(lines).hasSize(5);
        assertThat(lines.get(0)).isEqualTo("queue id " + written.queueId() + "  message-id " + written.messageId());
        assertThat(lines.get(1)).startsWith("  2026-11-30 10:00:00.000Z  accepted      msa   <" + written.local() + ">")
                .contains("port=587", "client=192.0.2.7", "user=alice@example.test");
        assertThat(lines.get(3)).contains("delivered", "mailbox=INBOX", "uid=42");
        assertThat(lines.get(4)).contains("deferred", "reply=451 4.3.0 try later second line");
    }

    @Test
    void badQueriesAreProblems() {
        assertThat(errorFields(assertProblem(api.get("/api/v1/trace"), 400))).containsExactly("queueId");
        assertProblem(api.get("/api/v1/trace?queueId=X&recipient=a%40b.example"), 400);
        assertThat(errorFields(assertProblem(api.get("/api/v1/trace?recipient=not-an-address"), 400)))
                .containsExactly("recipient");
        assertThat(errorFields(assertProblem(api.get("/api/v1/trace?recipient=a%40b.example&since=yesterday"), 400)))
                .containsExactly("since");
        assertThat(api.get("/api/v1/trace?queueId=NOSUCHQUEUEID").json().path("messages")).isEmpty();
        assertThat(AdminClient.withAuthorization(port, java.util.Optional.empty())
                .get("/api/v1/trace?queueId=" + written.queueId()).status()).isEqualTo(401);
    }

    private static List<String> kinds(JsonNode message) {
        List<String> kinds = new ArrayList<>();
        message.path("events").forEach(e -> kinds.add(e.path("kind").asString()));
        return kinds;
    }
}
