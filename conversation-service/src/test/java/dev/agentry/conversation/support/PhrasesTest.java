package dev.agentry.conversation.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PhrasesTest {

    @Test
    void caseAndAccentsDoNotMatterWordBoundariesDo() {
        assertEquals(Optional.of("refund"), Phrases.firstIn("I want a REFÚND!", List.of("refund")));
        assertTrue(Phrases.firstIn("I was refunded", List.of("refund")).isEmpty());
        assertTrue(Phrases.firstIn("nonrefund policy", List.of("refund")).isEmpty());
        assertEquals(Optional.of("hoàn tiền"), Phrases.firstIn("Xin HOAN   TIEN giúp tôi", List.of("hoàn tiền")));
        assertEquals(Optional.of("đổi trả"), Phrases.firstIn("doi tra hang", List.of("đổi trả")));
        assertEquals(Optional.of("возврат"), Phrases.firstIn("Мне нужен ВОЗВРАТ.", List.of("возврат")));
    }

    @Test
    void aTrailingStarMatchesAnyEnding() {
        assertTrue(Phrases.firstIn("Прошу возврата", List.of("возврат")).isEmpty());
        assertEquals(Optional.of("возврат*"), Phrases.firstIn("Прошу возврата", List.of("возврат*")));
        assertTrue(Phrases.firstIn("невозвратный", List.of("возврат*")).isEmpty(), "the start is still a word boundary");
    }

    @Test
    void phrasesOfSeveralWordsAndCharactersRegexWouldMisread() {
        assertEquals(Optional.of("talk to a person"), Phrases.firstIn("Can I talk to a\nperson please", List.of("talk to a person")));
        assertEquals(Optional.of("c++ (help)"), Phrases.firstIn("need c++ (help) now", List.of("c++ (help)")));
        assertTrue(Phrases.firstIn("", List.of("refund")).isEmpty());
        assertTrue(Phrases.firstIn(null, List.of("refund")).isEmpty());
    }
}
