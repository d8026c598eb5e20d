package dev.agentry.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.agentry.client.memory.ApiClient;
import dev.agentry.client.memory.api.KnowledgeApi;
import dev.agentry.client.memory.model.Chunk;
import dev.agentry.client.memory.model.ChunkHit;
import dev.agentry.client.memory.model.CollectionCreate;
import dev.agentry.client.memory.model.Document;
import dev.agentry.client.memory.model.DocumentIndexing;
import dev.agentry.client.memory.model.DocumentStatus;
import dev.agentry.client.memory.model.KnowledgeSearch;
import dev.agentry.client.memory.model.PageChunk;
import dev.agentry.client.memory.model.SearchMode;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.net.http.HttpRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * memory-service's background indexing survives a real crash. A memory-service of this test's own
 * (packaged jar, child JVM, its own schema so that the suite's instance never picks the document
 * up) indexes an uploaded HTML file of a few hundred chunks; once the worker has reported progress
 * ({@code processing}, {@code chunks_done > 0}) the JVM is killed with SIGKILL mid-document, and
 * started again: the restarted worker claims the document when the killed one's lease has run out
 * and indexes it whole, each chunk stored once, and it is searchable.
 *
 * <p>The short lease ({@code agentry.memory.knowledge.indexing.lease}, 6 s) is set on both runs:
 * the killed run's claim and renewals write it, and it is what the restarted worker waits out. The
 * scan interval (1 s) lets the restarted worker look again soon after the lease has run out, and a
 * batch size of 8 makes progress visible after the first few chunks.
 */
@ExtendWith(Suite.class)
class DocumentWorkerKillTest {

    /** The schema of this test's instance: not the suite's {@code memory}, whose worker would finish the document too. */
    private static final String SCHEMA = "memory_worker_kill";
    private static final Duration INDEXED_TIMEOUT = Duration.ofSeconds(120);

    @Test
    void aWorkerKilledMidDocumentFinishesItAfterARestart() throws Exception {
        Path root = Path.of(System.getProperty("agentry.contract.root", "..")).toAbsolutePath().normalize();
        dropSchema();
        Map<String, String> env = new HashMap<>();
        env.put("AGENTRY_DB_NAME", dbName());
        env.put("AGENTRY_MEMORY_SCHEMA", SCHEMA);
        env.put("AGENTRY_JWT_PUBLIC_KEY", Suite.configUri() + "/v1/auth/jwks");
        // Admin actions (the uploads) go to a stream of this test's own, never the local suite's.
        env.put("AGENTRY_AUDIT_STREAM_KEY", "agentry-contract:audit:worker-kill-" + UUID.randomUUID());
        env.put("AGENTRY_MEMORY_KNOWLEDGE_INDEXING_LEASE", "6s");
        env.put("AGENTRY_MEMORY_KNOWLEDGE_INDEXING_SCAN_INTERVAL", "1s");
        env.put("AGENTRY_MEMORY_KNOWLEDGE_INDEXING_BATCH_SIZE", "8");

        Clients.TenantToken tenant = Clients.newTenant(List.of("tenant-admin"));
        UUID collection;
        UUID doc;
        int doneWhenKilled;
        ServiceProcess first = ServiceProcess.start(root, "memory-service", "memory-service-worker-kill-1", env);
        try {
            KnowledgeApi knowledge = new KnowledgeApi(client(first, tenant.token(), null));
            collection = knowledge.createCollection(new CollectionCreate().name("Handbook").slug("handbook")
                    .chunkSize(400).chunkOverlap(0)).getId();
            // A file (HTML), so that it is indexed in the background: the generated client sends the
            // raw body with the file's Content-Type.
            DocumentIndexing accepted = new KnowledgeApi(client(first, tenant.token(), "text/html; charset=utf-8"))
                    .uploadDocument(collection, Handbook.html(), "handbook.html", "Shop handbook");
            doc = accepted.getDocument().getId();
            assertEquals(DocumentStatus.PENDING, accepted.getDocument().getStatus());

            Document progress = awaitProgress(knowledge, collection, doc);
            int exit = first.kill();
            assertEquals(137, exit, "killed by SIGKILL");
            doneWhenKilled = progress.getChunksDone();
        } finally {
            first.close();
        }

        // What the killed worker left: processing, part done, no chunk written (they are written whole, at the end).
        DbState left = dbState(tenant.tenantId(), doc);
        assertEquals("processing", left.status());
        assertTrue(left.chunksDone() >= doneWhenKilled && left.chunksDone() < left.chunksTotal(),
                "killed mid-document: " + left);
        assertEquals(1, left.attempts());
        assertEquals(0, left.chunkRows(), "the killed worker wrote no chunk");

        long restarted = System.nanoTime();
        try (ServiceProcess second = ServiceProcess.start(root, "memory-service", "memory-service-worker-kill-2", env)) {
            KnowledgeApi knowledge = new KnowledgeApi(client(second, tenant.token(), null));
            Document indexed = awaitIndexed(knowledge, collection, doc);
            System.out.printf("killed at %d of %d chunks; restarted and indexed whole in %.1f s%n", left.chunksDone(),
                    left.chunksTotal(), (System.nanoTime() - restarted) / 1e9);
            assertEquals(indexed.getChunksTotal(), indexed.getChunksDone());
            assertEquals(indexed.getChunksTotal(), indexed.getChunkCount());
            assertEquals(left.chunksTotal(), indexed.getChunksTotal(), "the same chunks as the killed run counted");
            assertEquals(1, indexed.getVersion());

            // Every chunk once, through the API (archived ones included) ...
            List<Chunk> chunks = new ArrayList<>();
            String cursor = null;
            do {
                PageChunk page = knowledge.getDocumentChunks(collection, doc, cursor, true, 200);
                chunks.addAll(page.getItems());
                cursor = page.getNextCursor();
            } while (cursor != null);
            assertEquals(indexed.getChunksTotal(), chunks.size());
            Set<Integer> positions = new HashSet<>();
            Set<String> hashes = new HashSet<>();
            for (Chunk c : chunks) {
                assertTrue(positions.add(c.getChunkIndex()), "chunk " + c.getChunkIndex() + " twice");
                assertTrue(hashes.add(c.getChunkHash()), "the text of chunk " + c.getChunkIndex() + " twice");
                assertTrue(c.getIsCurrent());
                assertEquals(1, c.getVersion());
            }
            // ... and in the table: the restarted worker's one write, claimed twice in all.
            DbState after = dbState(tenant.tenantId(), doc);
            assertEquals((long) indexed.getChunksTotal(), after.chunkRows());
            assertEquals(after.chunkRows(), after.distinctPositions());
            assertEquals(2, after.attempts(), "claimed by the killed worker, then by the restarted one");

            // Searchable: a sentence from the middle of the document finds it.
            String sentence = Handbook.sentence(Handbook.SENTENCES / 2);
            List<ChunkHit> hits = knowledge.searchKnowledgeSearches(collection,
                    new KnowledgeSearch().query(sentence).mode(SearchMode.HYBRID).limit(3)).getItems();
            assertFalse(hits.isEmpty());
            assertTrue(hits.stream().allMatch(h -> doc.equals(h.getChunk().getDocumentId())));
            assertTrue(hits.stream().anyMatch(h -> h.getChunk().getContent().contains(sentence)),
                    "no hit holds \"" + sentence + "\"");
        } finally {
            dropSchema();
        }
    }

    /** Polls until the worker has reported progress; fails if the document was indexed before it could be killed. */
    private static Document awaitProgress(KnowledgeApi knowledge, UUID collection, UUID doc) throws Exception {
        long until = System.nanoTime() + INDEXED_TIMEOUT.toNanos();
        while (System.nanoTime() < until) {
            Document d = knowledge.getDocument(collection, doc);
            if (d.getStatus() == DocumentStatus.PROCESSING && d.getChunksDone() != null && d.getChunksDone() > 0) {
                return d;
            }
            if (d.getStatus() == DocumentStatus.INDEXED || d.getStatus() == DocumentStatus.FAILED) {
                fail("the document was " + d.getStatus() + " before the worker could be killed (make it larger)");
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the worker reported no progress in " + INDEXED_TIMEOUT.toSeconds() + " s");
    }

    private static Document awaitIndexed(KnowledgeApi knowledge, UUID collection, UUID doc) throws Exception {
        long until = System.nanoTime() + INDEXED_TIMEOUT.toNanos();
        while (System.nanoTime() < until) {
            Document d = knowledge.getDocument(collection, doc);
            if (d.getStatus() == DocumentStatus.INDEXED) {
                return d;
            }
            if (d.getStatus() == DocumentStatus.FAILED) {
                fail("indexing failed after the restart: " + d.getErrorMessage());
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the document was not indexed " + INDEXED_TIMEOUT.toSeconds() + " s after the restart");
    }

    /** The generated memory client pointed at this test's instance; {@code contentType} replaces the one it would send. */
    private static ApiClient client(ServiceProcess memory, String token, String contentType) {
        Consumer<HttpRequest.Builder> headers = request -> {
            request.header("Authorization", "Bearer " + token);
            if (contentType != null) {
                request.setHeader("Content-Type", contentType);
            }
        };
        ApiClient client = new ApiClient();
        client.updateBaseUri(memory.baseUri());
        return client.setReadTimeout(Duration.ofSeconds(60)).setRequestInterceptor(headers);
    }

    record DbState(String status, int chunksDone, int chunksTotal, int attempts, long chunkRows, long distinctPositions) {
    }

    /** The document's row and its chunk rows (every version), read as the owner with the tenant bound (row-level security is forced). */
    private static DbState dbState(UUID tenant, UUID doc) throws SQLException {
        try (Connection c = owner(); Statement s = c.createStatement()) {
            s.execute("SET search_path = " + SCHEMA + ", public");
            s.execute("SELECT set_config('app.tenant_id', '" + tenant + "', false)");
            try (PreparedStatement q = c.prepareStatement("SELECT d.status, d.chunks_done, d.chunks_total, d.attempts, "
                    + "(SELECT count(*) FROM chunks k WHERE k.tenant_id = d.tenant_id AND k.document_id = d.id), "
                    + "(SELECT count(DISTINCT k.chunk_index) FROM chunks k WHERE k.tenant_id = d.tenant_id AND k.document_id = d.id) "
                    + "FROM documents d WHERE d.tenant_id = ? AND d.id = ?")) {
                q.setObject(1, tenant);
                q.setObject(2, doc);
                try (ResultSet rs = q.executeQuery()) {
                    assertTrue(rs.next(), "document " + doc + " is in " + SCHEMA);
                    return new DbState(rs.getString(1), rs.getInt(2), rs.getInt(3), rs.getInt(4), rs.getLong(5), rs.getLong(6));
                }
            }
        }
    }

    private static void dropSchema() throws SQLException {
        try (Connection c = owner(); Statement s = c.createStatement()) {
            s.execute("SET client_min_messages TO warning");
            s.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
        }
    }

    /** The suite's database, as {@link Suite} reaches it. */
    private static Connection owner() throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://" + env("AGENTRY_DB_HOST", "127.0.0.1") + ":"
                + env("AGENTRY_DB_PORT", "5432") + "/" + dbName(), env("AGENTRY_DB_OWNER_USER", "agentry_owner"),
                env("AGENTRY_DB_OWNER_PASSWORD", "agentry_owner"));
    }

    private static String dbName() {
        return env("AGENTRY_CONTRACT_DB_NAME", "agentry_contract");
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    /** A shop handbook of distinct, ordinary sentences: about 140 chunks of 400 characters. */
    static final class Handbook {

        static final int SENTENCES = 400;
        private static final String[] PRODUCTS = { "steel kettle", "glass teapot", "bamboo cutting board", "cast iron pan",
            "ceramic mug", "rice cooker", "coffee grinder", "linen apron", "copper ladle", "oak spice rack", "enamel pot" };
        private static final String[] CITIES = { "Hanoi", "Da Nang", "Hue", "Can Tho", "Hai Phong", "Nha Trang", "Vinh" };
        private static final String[] DAYS = { "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday" };
        private static final String[] TEMPLATES = {
            "Order %d for the %s left the %s warehouse on %s and reached the customer %d days later.",
            "A customer in %3$s returned the %2$s from order %1$d on %4$s because the box arrived dented after %5$d days.",
            "The %2$s in order %1$d was repaired at the %3$s workshop on %4$s under the %5$d year warranty.",
            "Staff in %3$s answered the question about order %1$d and the %2$s on %4$s within %5$d hours.",
            "Order %1$d asked for the %2$s to be gift wrapped in %3$s and sent on %4$s with %5$d cards." };

        static String sentence(int i) {
            return String.format(TEMPLATES[i % TEMPLATES.length], 10_000 + i, PRODUCTS[i % PRODUCTS.length],
                    CITIES[(i / 3) % CITIES.length], DAYS[(i / 7) % DAYS.length], 2 + i % 9);
        }

        static String html() {
            StringBuilder html = new StringBuilder("<!DOCTYPE html><html lang=\"en\"><head><title>Shop handbook</title></head><body>\n");
            for (int i = 0; i < SENTENCES; i++) {
                if (i % 40 == 0) {
                    html.append("<h2>Orders from ").append(10_000 + i).append("</h2>\n");
                }
                if (i % 4 == 0) {
                    html.append("<p>");
                }
                html.append(sentence(i)).append(' ');
                if (i % 4 == 3) {
                    html.append("</p>\n");
                }
            }
            return html.append("</body></html>\n").toString();
        }
    }
}
