import java.nio.file.Path;
import java.util.Locale;

/** Entry point of the memory-service benchmark; see bench/memory/run.sh. */
public class MemoryBench {

    public static void main(String[] args) throws Exception {
        String command = args.length > 0 ? args[0] : "help";
        Path cache = Path.of(System.getProperty("bench.cache", "bench/.cache/memory"));
        int corpusSize = Integer.getInteger("bench.corpus", 30000);
        switch (command) {
            case "embed" -> {
                var corpus = CorpusCache.load(cache, corpusSize, 42L, 2);
                System.out.printf(Locale.ROOT, "corpus: %d sentences, %d dims, model %s%n", corpus.size(),
                        corpus.vectors()[0].length, corpus.model());
            }
            default -> System.out.println("usage: run.sh embed|load|search|ingest|all");
        }
    }
}
