package dev.agentry.catalog.imports;

import static dev.agentry.catalog.CatalogTestSupport.admin;
import static dev.agentry.catalog.CatalogTestSupport.as;
import static dev.agentry.catalog.CatalogTestSupport.body;
import static dev.agentry.catalog.CatalogTestSupport.bot;
import static dev.agentry.catalog.CatalogTestSupport.runtime;
import static dev.agentry.catalog.CatalogTestSupport.domain;
import static dev.agentry.catalog.CatalogTestSupport.globalAttribute;
import static dev.agentry.catalog.CatalogTestSupport.rowCounts;
import static dev.agentry.catalog.CatalogTestSupport.viewer;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.agentry.common.db.TenantTransactions;
import dev.agentry.common.testing.AgentryTestResource;
import dev.agentry.common.testing.TwoTenantTest;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Import jobs: a file with bad rows reports each and imports the good ones, importing it again
 * changes nothing, a job is cancelled and resumed, bad files are 4xx and no job, and another tenant
 * sees none of it.
 */
@QuarkusTest
@WithTestResource(value = AgentryTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class ImportJobResourceTest extends TwoTenantTest {

    private static String domainCode;
    private static String priceList;
    private static String location;

    @Inject
    TenantTransactions tx;

    @Inject
    ImportJobWorker worker;

    @Override
    protected String schema() {
        return "catalog";
    }

    @BeforeAll
    static void forget() {
        domainCode = null;
    }

    private void seed() {
        if (domainCode != null) {
            return;
        }
        domainCode = "imp_" + Long.toHexString(System.nanoTime());
        String domainId = domain(tenantA, domainCode, "Bất Động Sản");
        globalAttribute(tenantA, domainId, body("key", "bedrooms", "value_type", "number", "value_constraint", Map.of("min", 0, "max", 10)));
        priceList = as(admin(tenantA)).body(body("code", "retail-vnd", "currency", "VND")).post("/v1/price-lists").then().statusCode(201)
                .extract().path("id");
        location = as(admin(tenantA)).body(body("code", "hcm", "type", "warehouse")).post("/v1/inventory/locations").then()
                .statusCode(201).extract().path("id");
    }

    private String csv() {
        return String.join("\r\n",
                "code,offering_type,name,description,domain_code,attributes,sku,price_list,amount,location,stock_qty",
                "villa-1,asset,Biệt thự Quận 7,\"Garden, pool\"," + domainCode + ",\"{\"\"bedrooms\"\": 4}\",V1-A,retail-vnd,12500000000.50,hcm,1",
                "villa-1,asset,Biệt thự Quận 7,\"Garden, pool\"," + domainCode + ",\"{\"\"bedrooms\"\": 4}\",V1-B,retail-vnd,13000000000,hcm,2",
                ",asset,No code,,,,,,,,",
                "villa-2,castle,Villa 2,,,,,,,,",
                "villa-3,asset,Villa 3,," + domainCode + ",\"{\"\"bedrooms\"\": 40}\",,,,,",
                "villa-4,asset,Villa 4,,,,V4-A,wholesale,100,,",
                "villa-5,asset,Villa 5,,,,V5-A,retail-vnd,abc,,",
                "villa-1,asset,Another name,\"Garden, pool\"," + domainCode + ",\"{\"\"bedrooms\"\": 4}\",V1-C,,,,",
                "flat-6,asset,Căn hộ 6,,,,F6-A,,,hcm,7") + "\r\n";
    }

    private static String upload(UUID tenant, String csv) {
        return given().auth().oauth2(admin(tenant)).contentType("text/csv; charset=UTF-8").body(csv).post("/v1/import-jobs?kind=offerings").then()
                .statusCode(201).extract().path("id");
    }

    /** Waits for the job to end; answers it. */
    private static JsonPath finished(UUID tenant, String job) {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (true) {
            JsonPath j = as(viewer(tenant)).get("/v1/import-jobs/" + job).then().statusCode(200).extract().jsonPath();
            String status = j.getString("status");
            if (!status.equals("pending") && !status.equals("processing")) {
                return j;
            }
            assertTrue(System.nanoTime() < deadline, "job " + job + " still " + status);
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    @Test
    void badRowsAreReportedTheGoodOnesImportedAndAReimportChangesNothing() {
        seed();
        String job = upload(tenantA, csv());
        JsonPath done = finished(tenantA, job);
        assertEquals("completed", done.getString("status"));
        assertEquals(9, done.getInt("records_total"));
        assertEquals(9, done.getInt("records_processed"));
        List<String> errors = new ArrayList<>();
        for (Map<String, Object> e : done.<Map<String, Object>> getList("errors")) {
            errors.add(e.get("row") + ":" + e.get("field"));
        }
        // Row 3 has no code, row 4 a bad type, row 5 a bedrooms above the definition's max, row 6 an
        // unknown price list, row 7 an amount that is no number, row 8 disagrees with row 1 of villa-1.
        assertTrue(errors.containsAll(List.of("3:code", "4:offering_type", "5:attributes.bedrooms", "6:price_list", "7:amount", "8:name")),
                errors.toString());
        assertEquals(6, errors.size(), errors.toString());

        // The good rows: villa-1 (one active version, two variants, prices, stock), villa-4's offering
        // and variant (its price failed), flat-6 with stock; villa-3 exists with a draft that could not publish.
        JsonPath offerings = as(viewer(tenantA)).get("/v1/offerings?limit=50").then().statusCode(200).extract().jsonPath();
        assertTrue(offerings.getList("items.code").containsAll(List.of("villa-1", "villa-4", "flat-6")), offerings.prettify());
        assertTrue(!offerings.getList("items.code").contains("villa-2") && !offerings.getList("items.code").contains("villa-5"));
        String villa1 = offerings.getString("items.find { it.code == 'villa-1' }.id");
        as(viewer(tenantA)).get("/v1/offerings/" + villa1 + "/versions").then().statusCode(200).body("$", hasSize(1))
                .body("[0].status", equalTo("active"));
        as(viewer(tenantA)).get("/v1/offerings/" + villa1 + "/versions/1").then().statusCode(200).body("name", equalTo("Biệt thự Quận 7"))
                .body("description", equalTo("Garden, pool")).body("attributes.bedrooms", equalTo(4));
        JsonPath variants = as(viewer(tenantA)).get("/v1/offerings/" + villa1 + "/variants").then().statusCode(200).extract().jsonPath();
        assertEquals(List.of("V1-A", "V1-B"), variants.getList("items.sku").stream().sorted().toList());
        String v1a = variants.getString("items.find { it.sku == 'V1-A' }.id");
        String v1b = variants.getString("items.find { it.sku == 'V1-B' }.id");
        as(viewer(tenantA)).get("/v1/price-lists/" + priceList + "/prices").then().statusCode(200)
                .body("find { it.variant_id == '" + v1a + "' }.amount", equalTo(12500000000.50f));
        as(viewer(tenantA)).get("/v1/variants/" + v1b + "/inventory").then().statusCode(200).body("available", equalTo(2));
        Map<String, Long> before = rowCounts(tenantA);
        String pricesBefore = as(viewer(tenantA)).get("/v1/price-lists/" + priceList + "/prices").then().extract().asString();

        // The same file again: the same errors, nothing changes.
        String again = upload(tenantA, csv());
        JsonPath second = finished(tenantA, again);
        assertEquals("completed", second.getString("status"));
        assertEquals(6, second.getInt("error_count"));
        Map<String, Long> after = rowCounts(tenantA);
        before.remove("migration_job");
        after.remove("migration_job");
        assertEquals(before, after);
        assertEquals(pricesBefore, as(viewer(tenantA)).get("/v1/price-lists/" + priceList + "/prices").then().extract().asString());
        as(viewer(tenantA)).get("/v1/offerings/" + villa1 + "/versions").then().statusCode(200).body("$", hasSize(1));
        as(viewer(tenantA)).get("/v1/variants/" + v1b + "/inventory").then().statusCode(200).body("available", equalTo(2));

        // The same rows as JSON records: nothing changes either; a changed stock is adjusted to the new level.
        String json = as(admin(tenantA)).body(body("kind", "offerings", "records", List.of(
                body("code", "villa-1", "offering_type", "asset", "name", "Biệt thự Quận 7", "description", "Garden, pool",
                        "domain_code", domainCode, "attributes", Map.of("bedrooms", 4), "sku", "V1-B", "price_list", "retail-vnd",
                        "amount", 13000000000L, "location", "hcm", "stock_qty", 5))))
                .post("/v1/import-jobs").then().statusCode(201).body("format", equalTo("json")).extract().path("id");
        assertEquals(0, finished(tenantA, json).getInt("error_count"));
        as(viewer(tenantA)).get("/v1/variants/" + v1b + "/inventory").then().statusCode(200).body("available", equalTo(5));
        as(viewer(tenantA)).get("/v1/offerings/" + villa1 + "/versions").then().statusCode(200).body("$", hasSize(1));

        // Another tenant sees none of it.
        as(viewer(tenantB)).get("/v1/import-jobs/" + job).then().statusCode(404).contentType("application/problem+json");
        as(viewer(tenantB)).get("/v1/import-jobs").then().statusCode(200).body("items", hasSize(0));
        as(admin(tenantB)).post("/v1/import-jobs/" + job + "/cancel").then().statusCode(404);
        as(viewer(tenantB)).get("/v1/offerings").then().statusCode(200).body("items.code", not(hasItem("villa-1")));
        as(viewer(tenantA)).get("/v1/import-jobs?status=completed").then().statusCode(200).body("items.id", hasItem(job));
    }

    @Test
    void faqIsImportedByTheSameMechanism() {
        seed();
        String shop = bot(tenantA, "faq-shop");
        String file = String.join("\n",
                "question,answer,category,bot_code,priority,active",
                "What are your opening hours?,\"9 am to 6 pm, Monday to Saturday.\",store,faq-shop,1,true",
                "How do I return a product?,Within 30 days with the receipt.,returns,,,",
                "Do you ship abroad?,Yes.,shipping,ghost-bot,,",
                ",No question,,,,",
                "Can I pay by card?,Yes.,payment,faq-shop,high,",
                "What are your opening hours?,Another answer,store,faq-shop,1,true") + "\n";
        String job = given().auth().oauth2(admin(tenantA)).contentType("text/csv; charset=UTF-8").body(file)
                .post("/v1/import-jobs?kind=faq").then().statusCode(201).body("kind", equalTo("faq")).extract().path("id");
        JsonPath done = finished(tenantA, job);
        assertEquals("completed", done.getString("status"));
        List<String> errors = new ArrayList<>();
        for (Map<String, Object> e : done.<Map<String, Object>> getList("errors")) {
            errors.add(e.get("row") + ":" + e.get("field"));
        }
        assertEquals(List.of("4:question", "5:priority", "6:question", "3:bot_code"), errors);
        // The imported entries answer the bot's search (the bot-less one for every bot).
        as(runtime(tenantA)).body(body("query", "When are you open?")).post("/v1/bots/" + shop + "/faq/search").then().statusCode(200)
                .body("hits[0].answer", equalTo("9 am to 6 pm, Monday to Saturday.")).body("hits", hasSize(2));
        String faqs = as(viewer(tenantA)).get("/v1/faq?limit=50").then().statusCode(200).extract().asString();
        Map<String, Long> before = rowCounts(tenantA);
        before.remove("migration_job");

        // Again: nothing changes (the same entries, not even re-embedded).
        String again = given().auth().oauth2(admin(tenantA)).contentType("text/csv; charset=UTF-8").body(file)
                .post("/v1/import-jobs?kind=faq").then().statusCode(201).extract().path("id");
        assertEquals(4, finished(tenantA, again).getInt("error_count"));
        Map<String, Long> after = rowCounts(tenantA);
        after.remove("migration_job");
        assertEquals(before, after);
        assertEquals(faqs, as(viewer(tenantA)).get("/v1/faq?limit=50").then().extract().asString());

        // A changed answer replaces the entry (same id) and drops the cached answers built from it.
        String hours = as(viewer(tenantA)).get("/v1/faq?bot_id=" + shop).then().extract().jsonPath()
                .getString("items.find { it.question == 'What are your opening hours?' }.id");
        String cached = as(runtime(tenantA)).body(body("question", "What are your opening hours?", "answer", "9 to 6.", "language", "en",
                "source_faq_ids", List.of(hours))).post("/v1/semantic-cache").then().statusCode(201).extract().path("id");
        String changed = as(admin(tenantA)).body(body("kind", "faq", "records", List.of(body("question", "What are your opening hours?",
                "answer", "8 am to 8 pm, every day.", "category", "store", "bot_code", "faq-shop", "priority", 1))))
                .post("/v1/import-jobs").then().statusCode(201).extract().path("id");
        assertEquals(0, finished(tenantA, changed).getInt("error_count"));
        as(viewer(tenantA)).get("/v1/faq/" + hours).then().statusCode(200).body("answer", equalTo("8 am to 8 pm, every day."));
        as(viewer(tenantA)).get("/v1/semantic-cache/" + cached).then().statusCode(404);
        as(viewer(tenantB)).get("/v1/faq").then().statusCode(200).body("items", hasSize(0));
    }

    @Test
    void urlSourcesReachOnlyAllowedHostsAndNeverInternalAddresses() throws Exception {
        seed();
        Map<String, Long> before = rowCounts(tenantA);
        for (String url : List.of("http://localhost:8085/offerings.csv", "http://127.0.0.1/offerings.csv",
                "http://169.254.169.254/latest/meta-data/", "http://10.1.2.3/offerings.csv", "http://[::1]/offerings.csv")) {
            as(admin(tenantA)).body(body("kind", "offerings", "url", url, "format", "csv")).post("/v1/import-jobs").then().statusCode(400)
                    .contentType("application/problem+json").body("errors[0].field", equalTo("url"))
                    .body("errors[0].message", org.hamcrest.Matchers.containsString("internal address"));
        }
        as(admin(tenantA)).body(body("kind", "offerings", "url", "https://example.org/offerings.csv", "format", "csv"))
                .post("/v1/import-jobs").then().statusCode(400).body("errors[0].field", equalTo("url"))
                .body("errors[0].message", org.hamcrest.Matchers.containsString("not one the operator allowed"));
        as(admin(tenantA)).body(body("kind", "offerings", "url", "ftp://localhost/offerings.csv", "format", "csv"))
                .post("/v1/import-jobs").then().statusCode(400).body("errors[0].field", equalTo("url"));
        as(admin(tenantA)).body(body("kind", "offerings", "url", "http://user:secret@localhost/offerings.csv", "format", "csv"))
                .post("/v1/import-jobs").then().statusCode(400).body("errors[0].field", equalTo("url"));
        as(admin(tenantA)).body(body("kind", "offerings", "url", "http://localhost/offerings.csv")).post("/v1/import-jobs").then()
                .statusCode(400).body("errors[0].field", equalTo("format"));
        as(admin(tenantA)).body(body("kind", "offerings", "url", "http://localhost/offerings.csv", "format", "csv",
                "records", List.of(body("code", "x", "name", "y")))).post("/v1/import-jobs").then().statusCode(400)
                .body("errors[0].field", equalTo("records"));
        assertEquals(before, rowCounts(tenantA));
        // The address rule beyond what the JDK names: carrier-grade NAT, 0.0.0.0/8, unique-local IPv6; a public address passes.
        for (String internal : List.of("100.64.1.1", "0.1.2.3", "fd00::1", "172.16.0.1", "192.168.1.1", "::ffff:127.0.0.1")) {
            assertTrue(dev.agentry.catalog.support.OutboundUrls.isInternal(java.net.InetAddress.getByName(internal)), internal);
        }
        assertTrue(!dev.agentry.catalog.support.OutboundUrls.isInternal(java.net.InetAddress.getByName("93.184.215.14")));
    }

    @Test
    void aJobIsCancelledAndAnotherResumedWhereItsReplicaStopped() {
        seed();
        // Cancelled: many rows, cancelled at once; it stops where it is and stays cancelled.
        StringBuilder many = new StringBuilder("code,name\n");
        for (int i = 0; i < 300; i++) {
            many.append("bulk-").append(i).append(",Bulk ").append(i).append('\n');
        }
        String job = upload(tenantA, many.toString());
        as(admin(tenantA)).post("/v1/import-jobs/" + job + "/cancel").then().statusCode(200).body("status", equalTo("cancelled"));
        JsonPath cancelled = finished(tenantA, job);
        assertEquals("cancelled", cancelled.getString("status"));
        assertTrue(cancelled.getInt("records_processed") < 300, "processed " + cancelled.getInt("records_processed"));
        as(admin(tenantA)).post("/v1/import-jobs/" + job + "/cancel").then().statusCode(409).contentType("application/problem+json");

        // Resumed: a job left processing by a replica that stopped after its first row (lease run
        // out) is claimed again and continues at row 2: row 1 is not done again.
        UUID id = UUID.randomUUID();
        JsonArray records = new JsonArray()
                .add(new JsonObject().put("code", "resume-1").put("name", "Done before the stop").put("offering_type", "physical"))
                .add(new JsonObject().put("code", "resume-2").put("name", "Done after the restart").put("offering_type", "physical"));
        tx.inTenant(tenantA, conn -> conn.preparedQuery("INSERT INTO migration_job (id, tenant_id, kind, source_type, format, status, "
                + "raw_data, records_total, records_processed, lease_until, started_at) VALUES ($1, $2, 'offerings', 'file_upload', 'json', "
                + "'processing', $3, 2, 1, now() - interval '1 minute', now() - interval '2 minutes')")
                .execute(Tuple.of(id, tenantA, records))).await().atMost(Duration.ofSeconds(10));
        worker.wake();
        JsonPath resumed = finished(tenantA, id.toString());
        assertEquals("completed", resumed.getString("status"));
        assertEquals(2, resumed.getInt("records_processed"));
        List<Object> codes = as(viewer(tenantA)).get("/v1/offerings?limit=100").then().extract().jsonPath().getList("items.code");
        assertTrue(codes.contains("resume-2") && !codes.contains("resume-1"), codes.toString());
    }

    @Test
    void badFilesAreRefusedAndMakeNoJob() {
        seed();
        Map<String, Long> before = rowCounts(tenantA);
        given().auth().oauth2(admin(tenantA)).contentType("text/csv; charset=UTF-8").body("code,name\n").post("/v1/import-jobs?kind=offerings").then()
                .statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo("file"));
        given().auth().oauth2(admin(tenantA)).contentType("text/csv; charset=UTF-8").body("code,colour\nx,red\n").post("/v1/import-jobs?kind=offerings")
                .then().statusCode(400).body("errors[0].field", equalTo("file"));
        given().auth().oauth2(admin(tenantA)).contentType("text/csv; charset=UTF-8").body("code,name\n\"x,y\n").post("/v1/import-jobs?kind=offerings")
                .then().statusCode(400).body("errors[0].field", equalTo("file"));
        given().auth().oauth2(admin(tenantA)).contentType("text/csv; charset=UTF-8").body("code,name\nx,y,z\n").post("/v1/import-jobs?kind=offerings")
                .then().statusCode(400).body("errors[0].field", equalTo("file"));
        given().auth().oauth2(admin(tenantA)).contentType("text/csv; charset=UTF-8").body("code,name\nx,y\n").post("/v1/import-jobs?kind=users").then()
                .statusCode(400).body("errors[0].field", equalTo("kind"));
        given().auth().oauth2(admin(tenantA)).contentType("text/plain").body("code,name\nx,y\n").post("/v1/import-jobs?kind=offerings")
                .then().statusCode(415);
        as(admin(tenantA)).body(body("kind", "offerings", "records", List.of())).post("/v1/import-jobs").then().statusCode(400)
                .body("errors[0].field", equalTo("records"));
        as(admin(tenantA)).body(body("kind", "offerings")).post("/v1/import-jobs").then().statusCode(400);
        given().auth().oauth2(viewer(tenantA)).contentType("text/csv; charset=UTF-8").body("code,name\nx,y\n").post("/v1/import-jobs?kind=offerings")
                .then().statusCode(403);
        as(viewer(tenantA)).get("/v1/import-jobs?status=done").then().statusCode(400);
        as(viewer(tenantA)).get("/v1/import-jobs/" + UUID.randomUUID()).then().statusCode(404);
        assertEquals(before, rowCounts(tenantA));
        // A JSON record of the wrong shape is an error of its row, not of the file.
        String job = as(admin(tenantA)).body(body("kind", "offerings", "records", List.of(body("code", "ok-1", "name", "OK"),
                body("code", "bad", "name", "Bad", "colour", "red")))).post("/v1/import-jobs").then().statusCode(201).extract().path("id");
        JsonPath done = finished(tenantA, job);
        assertEquals(1, done.getInt("error_count"));
        assertEquals(List.of(2), done.getList("errors.row"));
        assertEquals(List.of("colour"), done.getList("errors.field"));
        as(viewer(tenantA)).get("/v1/offerings?limit=100").then().body("items.code", hasItem("ok-1"));
    }

}
