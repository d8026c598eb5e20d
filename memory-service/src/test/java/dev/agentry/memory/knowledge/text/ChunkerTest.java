package dev.agentry.memory.knowledge.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The chunker alone: boundaries, sizes, overlap, sections, formats. No application needed. */
class ChunkerTest {

    @Test
    void headingsStartChunksAndNameTheirSection() {
        String md = "# Guide\n\nIntro text.\n\n## Returns\n\nReturn within 30 days. Keep the receipt.\n\n## Shipping\n\nWe ship daily.";
        List<Chunker.Draft> chunks = Chunker.chunk(md, FileType.MD, 200, 50);
        assertEquals(3, chunks.size());
        assertEquals("# Guide\n\nIntro text.", chunks.get(0).content());
        assertEquals("## Returns\n\nReturn within 30 days. Keep the receipt.", chunks.get(1).content());
        assertEquals("Guide > Returns", chunks.get(1).section());
        assertEquals("Guide > Shipping", chunks.get(2).section());
        assertEquals(List.of(0, 1, 2), chunks.stream().map(Chunker.Draft::index).toList());
    }

    @Test
    void aFormFeedIsAPageBreakThatNoChunkSpans() {
        String md = "# Guide\n\nPage one text.\n\n## Returns\n\nReturn within 30 days.\fStill about returns.\n\f\f## Shipping\n\nDaily.";
        List<Chunker.Draft> chunks = Chunker.chunk(DocumentText.normalise(md, FileType.MD), FileType.MD, 500, 0);
        assertEquals(List.of("# Guide\n\nPage one text.", "## Returns\n\nReturn within 30 days.", "Still about returns.",
                "## Shipping\n\nDaily."), chunks.stream().map(Chunker.Draft::content).toList());
        // Page 3 is blank: no chunk, but the count goes on.
        assertEquals(java.util.Arrays.asList(1, 1, 2, 4), chunks.stream().map(Chunker.Draft::page).toList());
        assertEquals("Guide > Returns", chunks.get(2).section());
        assertEquals(Map.of("section", "Guide > Returns", "page", 2), chunks.get(2).metadata());
        // Without a page break there are no pages.
        assertEquals(null, Chunker.chunk("Just text.", FileType.TXT, 500, 0).get(0).page());
        assertEquals(Map.of(), Chunker.chunk("Just text.", FileType.TXT, 500, 0).get(0).metadata());
    }

    @Test
    void sentencesArePackedWholeUpToTheSizeWithOverlap() {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            text.append("Sentence number ").append(i).append(" says something short. ");
        }
        List<Chunker.Draft> chunks = Chunker.chunk(text.toString(), FileType.TXT, 200, 80);
        assertTrue(chunks.size() > 3);
        for (Chunker.Draft c : chunks) {
            assertTrue(c.content().length() <= 200, c.content());
            assertTrue(c.content().endsWith("short."), "cut inside a sentence: " + c.content());
        }
        for (int i = 1; i < chunks.size(); i++) {
            String previous = chunks.get(i - 1).content();
            String lastSentence = previous.substring(previous.lastIndexOf("Sentence"));
            assertTrue(chunks.get(i).content().startsWith("Sentence") && chunks.get(i).content().contains(lastSentence),
                    "no overlap between chunk " + (i - 1) + " and " + i);
        }
    }

    @Test
    void withoutOverlapNothingRepeats() {
        String text = "One. Two. Three. Four. Five. Six. Seven. Eight.";
        List<Chunker.Draft> chunks = Chunker.chunk(text, FileType.TXT, 100, 0);
        assertEquals(1, chunks.size());
        List<Chunker.Draft> small = Chunker.chunk(text, FileType.TXT, 12, 0);
        assertEquals(text, String.join(" ", small.stream().map(Chunker.Draft::content).toList()));
    }

    @Test
    void anOverlongSentenceIsCutAtWhiteSpace() {
        String word = "lorem ";
        String text = word.repeat(100).strip();
        List<Chunker.Draft> chunks = Chunker.chunk(text, FileType.TXT, 100, 0);
        for (Chunker.Draft c : chunks) {
            assertTrue(c.content().length() <= 100);
            assertTrue(c.content().startsWith("lorem") && c.content().endsWith("lorem"), c.content());
        }
        assertEquals(100, String.join(" ", chunks.stream().map(Chunker.Draft::content).toList()).split(" ").length);
    }

    @Test
    void codeBlocksStayWhole() {
        String md = "## Setup\n\n```\nrun a. then b.\nrun c.\n```\n\nDone.";
        List<Chunker.Draft> chunks = Chunker.chunk(md, FileType.MD, 500, 0);
        assertEquals(1, chunks.size());
        assertTrue(chunks.get(0).content().contains("```\nrun a. then b.\nrun c.\n```"), chunks.get(0).content());
    }

    @Test
    void csvRowsBecomeNamedLines() {
        String csv = "sku,name,price\nZX-1,\"Kettle, steel\",19\n\nZX-2,\"Mug \"\"XL\"\"\",5\n";
        String text = DocumentText.normalise(csv, FileType.CSV);
        assertEquals("sku: ZX-1; name: Kettle, steel; price: 19\nsku: ZX-2; name: Mug \"XL\"; price: 5", text);
        List<Chunker.Draft> chunks = Chunker.chunk(text, FileType.CSV, 100, 0);
        assertEquals(1, chunks.size());
        assertEquals(2, chunks.get(0).content().split("\n\n").length);
    }

    @Test
    void normalisingDropsControlCharactersAndUnifiesLineEnds() {
        assertEquals("a\nb\nc", DocumentText.normalise("\uFEFFa\r\nb\rc\u0000", FileType.TXT));
        assertEquals(64, DocumentText.hex(DocumentText.sha256("x")).length());
    }

    @Test
    void sameTextSameChunks() {
        String md = "# A\n\nOne two three. Four five six.\n\n# B\n\nSeven.";
        assertEquals(Chunker.chunk(md, FileType.MD, 100, 20), Chunker.chunk(md, FileType.MD, 100, 20));
    }
}
