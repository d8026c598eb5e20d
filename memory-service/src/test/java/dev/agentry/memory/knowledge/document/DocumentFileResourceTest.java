package dev.agentry.memory.knowledge.document;

import static dev.agentry.memory.MemoryTestSupport.PROBLEM;
import static dev.agentry.memory.MemoryTestSupport.admin;
import static dev.agentry.memory.MemoryTestSupport.as;
import static dev.agentry.memory.MemoryTestSupport.rowCounts;
import static dev.agentry.memory.MemoryTestSupport.runtime;
import static dev.agentry.memory.MemoryTestSupport.viewer;
import static dev.agentry.memory.knowledge.KnowledgeTestSupport.collection;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.agentry.common.db.TenantTransactions;
import dev.agentry.common.testing.AgentryTestResource;
import dev.agentry.common.testing.TwoTenantTest;
import dev.agentry.memory.knowledge.text.DocumentText;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.encryption.AccessPermission;
import org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory;
import org.apache.poi.xslf.usermodel.XMLSlideShow;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFStyle;
import org.apache.poi.xwpf.usermodel.XWPFStyles;
import org.junit.jupiter.api.Test;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTString;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTStyle;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.STStyleType;

/**
 * Files as users have them (a PDF made with PDFBox, a DOCX with POI, an HTML page), extracted with
 * Tika, indexed in the background with progress, searched and cited by page and heading; files that
 * cannot be indexed refused with the reason and nothing stored; tenants apart.
 */
@QuarkusTest
@WithTestResource(value = AgentryTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class DocumentFileResourceTest extends TwoTenantTest {

    static final String PAGE_TWO = "Refunds for damaged kettles are paid back to the original card within five working days.";

    @Inject
    TenantTransactions tx;

    @Inject
    DocumentWorker worker;

    @Override
    protected String schema() {
        return "memory";
    }

    @Test
    void aPdfIsReadPageByPageIndexedInTheBackgroundAndItsSecondPageCited() throws IOException {
        UUID tenant = tenantA;
        String collection = collection(tenant, "manuals-" + UUID.randomUUID().toString().substring(0, 8));
        byte[] pdf = pdf("Kettle manual", "Lan Nguyen",
                List.of("Welcome to the ZX kettle. Fill it with fresh water before the first use.", "Never run it empty."),
                List.of("Returns and refunds.", PAGE_TWO));
        String doc = uploadFile(tenant, collection, "manual.pdf", pdf, "application/pdf").statusCode(202)
                .header("Location", containsString("/documents/")).body("unchanged", equalTo(false))
                .body("document.status", equalTo("pending")).body("document.chunks_done", equalTo(0))
                .body("document.file_type", equalTo("pdf")).extract().path("document.id");
        JsonPath indexed = awaitIndexed(tenant, collection, doc);
        assertEquals("Kettle manual", indexed.getString("title"), "the title comes from the PDF when the request names none");
        assertEquals("Lan Nguyen", indexed.getString("metadata.author"));
        assertEquals(2, indexed.getInt("metadata.page_count"));
        assertEquals("application/pdf", indexed.getString("metadata.media_type"));
        assertEquals(indexed.getInt("chunk_count"), indexed.getInt("chunks_done"));
        assertEquals(indexed.getInt("chunk_count"), indexed.getInt("chunks_total"));
        as(viewer(tenant)).get("/v1/collections/" + collection + "/documents/" + doc + "/chunks").then().statusCode(200)
                .body("items.metadata.page", hasItems(1, 2))
                .body("items.find { it.metadata.page == 2 }.content", containsString("five working days"));

        // A sentence of page 2 is found, and the hit cites page 2.
        as(runtime(tenant)).body(Map.of("query", "how fast is a refund for a damaged kettle paid", "limit", 1))
                .post("/v1/collections/" + collection + "/search").then().statusCode(200)
                .body("items[0].chunk.content", containsString(PAGE_TWO)).body("items[0].page", equalTo(2))
                .body("items[0].source.title", equalTo("Kettle manual")).body("items[0].source.filename", equalTo("manual.pdf"));
        as(runtime(tenant)).body(Map.of("query", "kettle", "page_from", 2, "file_type", "pdf"))
                .post("/v1/collections/" + collection + "/search").then().statusCode(200).body("items.page", everyItem(equalTo(2)));

        // The same file again: the document that holds it, nothing written.
        Map<String, Long> before = rowCounts(tenant);
        uploadFile(tenant, collection, "copy.pdf", pdf, "application/pdf").statusCode(200).body("unchanged", equalTo(true))
                .body("document.id", equalTo(doc));
        assertEquals(before, rowCounts(tenant));

        // Another tenant sees none of it.
        as(viewer(tenantB)).get("/v1/collections/" + collection + "/documents/" + doc).then().statusCode(404);
        as(viewer(tenantB)).get("/v1/collections/" + collection + "/documents/" + doc + "/chunks").then().statusCode(404);
        as(runtime(tenantB)).body(Map.of("query", "refund damaged kettle")).post("/v1/collections/" + collection + "/search").then()
                .statusCode(404);
        uploadFile(tenantB, collection, "manual.pdf", pdf, "application/pdf").statusCode(404).contentType(PROBLEM);
        given().auth().oauth2(admin(tenantB)).multiPart("file", "manual.pdf", pdf, "application/pdf")
                .put("/v1/collections/" + collection + "/documents/" + doc).then().statusCode(404);
    }

    @Test
    void aDocxKeepsItsHeadingsAsThePathOfEveryChunk() throws IOException {
        UUID tenant = UUID.randomUUID();
        String collection = collection(tenant, "policies");
        String doc = given().auth().oauth2(admin(tenant)).multiPart("file", "policy.docx", docx(),
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
                .multiPart("metadata", "{\"tags\": [\"policy\"]}").post("/v1/collections/" + collection + "/documents").then()
                .statusCode(202).body("document.file_type", equalTo("docx")).extract().path("document.id");
        JsonPath indexed = awaitIndexed(tenant, collection, doc);
        assertEquals("Store policy", indexed.getString("title"));
        assertEquals("vi", indexed.getString("metadata.language"));
        assertEquals(List.of("policy"), indexed.getList("metadata.tags"));
        as(viewer(tenant)).get("/v1/collections/" + collection + "/documents/" + doc + "/chunks").then().statusCode(200)
                .body("items.metadata.section", hasItems("Returns", "Returns > Refunds", "Shipping"));
        as(runtime(tenant)).body(Map.of("query", "money back to the card", "limit", 1, "document_language", "vi", "tags", List.of("policy")))
                .post("/v1/collections/" + collection + "/search").then().statusCode(200)
                .body("items[0].heading", equalTo("Returns > Refunds")).body("items[0].chunk.content", containsString("card"));
    }

    @Test
    void anHtmlPageSentAsTheRawBodyKeepsItsHeadings() {
        UUID tenant = UUID.randomUUID();
        String collection = collection(tenant, "web");
        String html = """
                <!DOCTYPE html>
                <html lang="en"><head><title>Shipping policy</title><style>p { color: red }</style></head>
                <body><nav>Home | Shop</nav>
                <h1>Shipping</h1><p>Orders leave the Hanoi warehouse every weekday.</p>
                <h2>Express</h2><p>Express parcels arrive the next morning in Hanoi and Da Nang.</p>
                <ul><li>Tracking is sent by e-mail.</li><li>Signatures are required.</li></ul>
                <script>var x = "never indexed";</script>
                </body></html>
                """;
        String doc = given().auth().oauth2(admin(tenant)).contentType("text/html; charset=utf-8").queryParam("filename", "shipping.html")
                .body(html).post("/v1/collections/" + collection + "/documents").then().statusCode(202)
                .body("document.file_type", equalTo("html")).extract().path("document.id");
        JsonPath indexed = awaitIndexed(tenant, collection, doc);
        assertEquals("Shipping policy", indexed.getString("title"));
        as(viewer(tenant)).get("/v1/collections/" + collection + "/documents/" + doc + "/chunks").then().statusCode(200)
                .body("items.metadata.section", hasItem("Shipping > Express"))
                .body("items.content", not(hasItem(containsString("never indexed"))))
                .body("items.content", not(hasItem(containsString("color: red"))));
        as(runtime(tenant)).body(Map.of("query", "next morning delivery", "limit", 1)).post("/v1/collections/" + collection + "/search")
                .then().statusCode(200).body("items[0].heading", equalTo("Shipping > Express")).body("items[0].page", equalTo(null));
    }

    @Test
    void slidesArePagesAndSheetsAreHeadings() throws IOException {
        UUID tenant = UUID.randomUUID();
        String collection = collection(tenant, "office");
        ByteArrayOutputStream pptx = new ByteArrayOutputStream();
        try (XMLSlideShow deck = new XMLSlideShow()) {
            deck.createSlide().createTextBox().setText("Our kettles boil in three minutes.");
            deck.createSlide().createTextBox().setText("Our mugs keep tea warm for an hour.");
            deck.write(pptx);
        }
        String slides = uploadFile(tenant, collection, "deck.pptx", pptx.toByteArray(),
                "application/vnd.openxmlformats-officedocument.presentationml.presentation").statusCode(202)
                .body("document.file_type", equalTo("pptx")).extract().path("document.id");
        assertEquals(2, awaitIndexed(tenant, collection, slides).getInt("metadata.page_count"));
        as(viewer(tenant)).get("/v1/collections/" + collection + "/documents/" + slides + "/chunks").then()
                .body("items.find { it.content.contains('mugs') }.metadata.page", equalTo(2));
        ByteArrayOutputStream xlsx = new ByteArrayOutputStream();
        try (XSSFWorkbook book = new XSSFWorkbook()) {
            var row = book.createSheet("Prices").createRow(0);
            row.createCell(0).setCellValue("Steel kettle");
            row.createCell(1).setCellValue(19);
            book.write(xlsx);
        }
        String sheet = uploadFile(tenant, collection, "book.xlsx", xlsx.toByteArray(),
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet").statusCode(202).extract().path("document.id");
        awaitIndexed(tenant, collection, sheet);
        as(viewer(tenant)).get("/v1/collections/" + collection + "/documents/" + sheet + "/chunks").then()
                .body("items[0].metadata.section", equalTo("Prices")).body("items[0].content", containsString("Steel kettle | 19"));
    }

    @Test
    void filesThatCannotBeIndexedAreRefusedWithTheReasonAndNothingIsStored() throws IOException {
        UUID tenant = UUID.randomUUID();
        String collection = collection(tenant, "refusals");
        Map<String, Long> before = rowCounts(tenant);
        uploadFile(tenant, collection, "secret.pdf", encryptedPdf(), "application/pdf").statusCode(422).contentType(PROBLEM)
                .body("type", endsWith("/encrypted-file")).body("detail", containsString("encrypted"));
        uploadFile(tenant, collection, "scan.pdf", imageOnlyPdf(), "application/pdf").statusCode(422).contentType(PROBLEM)
                .body("type", endsWith("/no-text")).body("detail", containsString("no text"));
        uploadFile(tenant, collection, "photo.png", png(), "image/png").statusCode(415).contentType(PROBLEM)
                .body("type", endsWith("/unsupported-file-type")).body("detail", containsString("image/png"));
        // A broken file named .pdf is read as one, and cannot be; bytes of no known type with no name are not indexed.
        uploadFile(tenant, collection, "broken.pdf", "just some bytes\u0000\u0001\u0002".getBytes(), "application/pdf").statusCode(422)
                .body("type", endsWith("/unreadable-file")).body("detail", containsString("could not be read"));
        given().auth().oauth2(admin(tenant)).contentType("application/pdf").body(new byte[] { 0, 1, 2, 3, (byte) 0xff })
                .post("/v1/collections/" + collection + "/documents").then().statusCode(415);
        // Over the upload limit (2 MiB in tests), though within the request limit: 413 once the file is on disk.
        // (From a file: REST Assured boxes every byte of a byte[] part.)
        java.io.File big = java.io.File.createTempFile("big", ".pdf");
        big.deleteOnExit();
        try (java.io.RandomAccessFile f = new java.io.RandomAccessFile(big, "rw")) {
            f.setLength(2 * 1024 * 1024 + 512 * 1024);
        }
        given().auth().oauth2(admin(tenant)).multiPart("file", big, "application/pdf").post("/v1/collections/" + collection + "/documents")
                .then().statusCode(413).contentType(PROBLEM);
        // Over the request limit too: 413 before the body is read.
        try (java.io.RandomAccessFile f = new java.io.RandomAccessFile(big, "rw")) {
            f.setLength(4 * 1024 * 1024);
        }
        given().auth().oauth2(admin(tenant)).multiPart("file", big, "application/pdf").post("/v1/collections/" + collection + "/documents")
                .then().statusCode(413).contentType(PROBLEM);
        given().auth().oauth2(admin(tenant)).multiPart("title", "no file").post("/v1/collections/" + collection + "/documents").then()
                .statusCode(400).body("errors[0].field", equalTo("file"));
        // Only an admin uploads.
        given().auth().oauth2(runtime(tenant)).multiPart("file", "a.pdf", pdf("t", "a", List.of("x."), List.of("y.")), "application/pdf")
                .post("/v1/collections/" + collection + "/documents").then().statusCode(403);
        assertEquals(before, rowCounts(tenant));
        as(viewer(tenant)).get("/v1/collections/" + collection).then().body("document_count", equalTo(0));
    }

    @Test
    void aNewVersionOfAFileReplacesItsChunksWhole() throws IOException {
        UUID tenant = UUID.randomUUID();
        String collection = collection(tenant, "versions");
        String doc = uploadFile(tenant, collection, "prices.pdf",
                pdf("Prices", "Shop", List.of("The kettle costs 19 dollars."), List.of("The mug costs 5 dollars.")), "application/pdf")
                .statusCode(202).extract().path("document.id");
        awaitIndexed(tenant, collection, doc);
        given().auth().oauth2(admin(tenant)).multiPart("file", "prices.pdf",
                pdf("Prices", "Shop", List.of("The kettle costs 25 dollars."), List.of("The mug costs 5 dollars.")), "application/pdf")
                .put("/v1/collections/" + collection + "/documents/" + doc).then().statusCode(202)
                .body("document.status", equalTo("pending"));
        JsonPath indexed = awaitIndexed(tenant, collection, doc);
        assertEquals(2, indexed.getInt("version"));
        as(viewer(tenant)).get("/v1/collections/" + collection + "/documents/" + doc + "/chunks").then().statusCode(200)
                .body("items.content", hasItem(containsString("25 dollars"))).body("items.content", not(hasItem(containsString("19 dollars"))));
        as(viewer(tenant)).queryParam("include_archived", true).get("/v1/collections/" + collection + "/documents/" + doc + "/chunks")
                .then().body("items.find { !it.is_current }.content", containsString("19 dollars"));
    }

    @Test
    void aDocumentLeftUnfinishedByAStoppedWorkerIsFinishedByTheNextScan() {
        UUID tenant = UUID.randomUUID();
        String collection = collection(tenant, "resume");
        String doc = given().auth().oauth2(admin(tenant)).contentType("text/html").queryParam("filename", "a.html")
                .body("<html><body><h1>Opening hours</h1><p>The shop opens at nine.</p></body></html>")
                .post("/v1/collections/" + collection + "/documents").then().statusCode(202).extract().path("document.id");
        awaitIndexed(tenant, collection, doc);
        // What a worker killed mid-document leaves: processing, half its progress, a lease that has run out.
        String text = "# Opening hours\n\nThe shop opens at ten on Sundays.";
        String hash = DocumentText.hex(DocumentText.sha256(text));
        tx.inTenant(tenant, conn -> conn.preparedQuery("UPDATE documents SET status = 'processing', chunks_done = 1, chunks_total = 2, "
                + "lease_token = gen_random_uuid(), lease_until = now() - interval '1 second', pending_text = $2, pending_chunk_as = 'md', "
                + "pending_description = jsonb_build_object('title', 'Hours', 'filename', 'a.html', 'file_type', 'html', "
                + "'size_bytes', 80, 'content_hash', $3::text, 'metadata', '{}'::jsonb) WHERE id = $1")
                .execute(Tuple.of(UUID.fromString(doc), text, hash))).await().atMost(Duration.ofSeconds(10));
        worker.kick();
        JsonPath indexed = awaitIndexed(tenant, collection, doc);
        assertEquals("Hours", indexed.getString("title"));
        assertEquals(2, indexed.getInt("version"));
        as(runtime(tenant)).body(Map.of("query", "Sunday opening", "mode", "text")).post("/v1/collections/" + collection + "/search")
                .then().statusCode(200).body("items[0].chunk.content", containsString("ten on Sundays"));
    }

    // --- helpers -----------------------------------------------------------------------------------

    static ValidatableResponse uploadFile(UUID tenant, String collection, String filename, byte[] bytes, String type) {
        return given().auth().oauth2(admin(tenant)).multiPart("file", filename, bytes, type)
                .post("/v1/collections/" + collection + "/documents").then();
    }

    /** Polls the document until the worker is done with it; fails on failed or after 60 s. */
    static JsonPath awaitIndexed(UUID tenant, String collection, String doc) {
        long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < until) {
            JsonPath d = as(viewer(tenant)).get("/v1/collections/" + collection + "/documents/" + doc).then().statusCode(200).extract()
                    .jsonPath();
            String status = d.getString("status");
            if ("indexed".equals(status)) {
                return d;
            }
            if ("failed".equals(status)) {
                fail("indexing failed: " + d.getString("error_message"));
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail(e);
            }
        }
        fail("document " + doc + " was not indexed in time");
        return null;
    }

    static byte[] pdf(String title, String author, List<String> page1, List<String> page2) throws IOException {
        try (PDDocument doc = new PDDocument()) {
            PDType1Font font = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
            for (List<String> lines : List.of(page1, page2)) {
                PDPage page = new PDPage();
                doc.addPage(page);
                try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
                    cs.beginText();
                    cs.setFont(font, 12);
                    cs.newLineAtOffset(72, 700);
                    for (String line : lines) {
                        cs.showText(line);
                        cs.newLineAtOffset(0, -28);
                    }
                    cs.endText();
                }
            }
            doc.getDocumentInformation().setTitle(title);
            doc.getDocumentInformation().setAuthor(author);
            return save(doc);
        }
    }

    static byte[] encryptedPdf() throws IOException {
        try (PDDocument doc = new PDDocument()) {
            PDPage page = new PDPage();
            doc.addPage(page);
            try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
                cs.beginText();
                cs.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 12);
                cs.newLineAtOffset(72, 700);
                cs.showText("Salaries of the staff.");
                cs.endText();
            }
            StandardProtectionPolicy policy = new StandardProtectionPolicy("owner-secret", "user-secret", new AccessPermission());
            policy.setEncryptionKeyLength(128);
            doc.protect(policy);
            return save(doc);
        }
    }

    static byte[] imageOnlyPdf() throws IOException {
        try (PDDocument doc = new PDDocument()) {
            PDPage page = new PDPage();
            doc.addPage(page);
            BufferedImage scan = new BufferedImage(60, 40, BufferedImage.TYPE_INT_RGB);
            for (int x = 0; x < 60; x++) {
                scan.setRGB(x, 20, 0xFFFFFF);
            }
            try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
                cs.drawImage(LosslessFactory.createFromImage(doc, scan), 72, 600, 300, 200);
            }
            return save(doc);
        }
    }

    static byte[] png() throws IOException {
        BufferedImage image = new BufferedImage(4, 4, BufferedImage.TYPE_INT_RGB);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        javax.imageio.ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    static byte[] docx() throws IOException {
        try (XWPFDocument doc = new XWPFDocument()) {
            XWPFStyles styles = doc.createStyles();
            for (int level = 1; level <= 2; level++) {
                CTStyle style = CTStyle.Factory.newInstance();
                style.setStyleId("Heading" + level);
                style.setType(STStyleType.PARAGRAPH);
                CTString name = CTString.Factory.newInstance();
                name.setVal("heading " + level);
                style.setName(name);
                styles.addStyle(new XWPFStyle(style));
            }
            paragraph(doc, "Heading1", "Returns");
            paragraph(doc, null, "Items can be returned within 30 days with the receipt.");
            paragraph(doc, "Heading2", "Refunds");
            paragraph(doc, null, "Refunds go back to the card that paid, within five working days.");
            paragraph(doc, "Heading1", "Shipping");
            paragraph(doc, null, "Orders leave the warehouse every weekday.");
            doc.getProperties().getCoreProperties().setTitle("Store policy");
            doc.getProperties().getCoreProperties().setCreator("Lan Nguyen");
            doc.getProperties().getCoreProperties().getUnderlyingProperties().setLanguageProperty("vi-VN");
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            doc.write(out);
            return out.toByteArray();
        }
    }

    private static void paragraph(XWPFDocument doc, String style, String text) {
        XWPFParagraph p = doc.createParagraph();
        if (style != null) {
            p.setStyle(style);
        }
        p.createRun().setText(text);
    }

    private static byte[] save(PDDocument doc) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        doc.save(out);
        return out.toByteArray();
    }
}
