import java.io.File;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import kotlin.sequences.SequencesKt;
import shark.HeapAnalysis;
import shark.HeapAnalysisSuccess;
import shark.HeapAnalyzer;
import shark.HeapField;
import shark.HeapObject;
import shark.IgnoredReferenceMatcher;
import shark.Leak;
import shark.LeakTrace;
import shark.LeakingObjectFinder;
import shark.MetadataExtractor;
import shark.ObjectInspector;
import shark.ObjectInspectors;
import shark.OnAnalysisProgressListener;
import shark.ReferencePattern;

/**
 * Which Quarkus applications a heap dump still holds after they stopped, and why: lists every
 * {@code QuarkusClassLoader} with its status (1 open, -1 closed) and name (the test profile and
 * restart), then the shortest strong path from a GC root to each closed one, with what it retains.
 * Weak references are not followed. Run by bench/heap/run.sh.
 */
public class ClassLoaderRetention {

    private static final String LOADER = "io.quarkus.bootstrap.classloading.QuarkusClassLoader";
    private static final byte CLOSED = -1;

    public static void main(String[] args) {
        LeakingObjectFinder closedLoaders = graph -> {
            Set<Long> ids = new HashSet<>();
            for (HeapObject.HeapInstance loader : SequencesKt.toList(graph.findClassByName(LOADER).getInstances())) {
                byte status = loader.get(LOADER, "status").getValue().getAsByte();
                System.out.println("loader status=" + status + " " + loader.get(LOADER, "name").getValue().readAsJavaString());
                if (status == CLOSED) {
                    ids.add(loader.getObjectId());
                }
            }
            return ids;
        };
        HeapAnalysis result = new HeapAnalyzer(OnAnalysisProgressListener.Companion.getNO_OP()).analyze(new File(args[0]),
                closedLoaders, List.of(new IgnoredReferenceMatcher(new ReferencePattern.InstanceFieldPattern("java.lang.ref.Reference",
                        "referent"))), true, inspectors(), MetadataExtractor.Companion.getNO_OP(), null);
        if (!(result instanceof HeapAnalysisSuccess success)) {
            System.out.println(result);
            System.exit(1);
            return;
        }
        for (Leak leak : SequencesKt.toList(success.getAllLeaks())) {
            for (LeakTrace trace : leak.getLeakTraces()) {
                System.out.println("==== held by " + leak.getShortDescription() + ": " + trace.getLeakingObject().getLabels()
                        + ", retaining " + trace.getRetainedHeapByteSize() + " bytes in " + trace.getRetainedObjectCount() + " objects");
                System.out.println(trace);
            }
        }
    }

    /** The JDK's inspectors, and labels naming each class loader and thread on a path. */
    private static List<ObjectInspector> inspectors() {
        List<ObjectInspector> all = new ArrayList<>(ObjectInspectors.Companion.getJdkDefaults());
        all.add(reporter -> {
            if (reporter.getHeapObject() instanceof HeapObject.HeapInstance i && i.instanceOf(LOADER)) {
                reporter.getLabels().add("loader: " + i.get(LOADER, "name").getValue().readAsJavaString());
            }
            if (reporter.getHeapObject() instanceof HeapObject.HeapInstance i && i.instanceOf("java.lang.Thread")) {
                HeapField name = i.get("java.lang.Thread", "name");
                reporter.getLabels().add("thread: " + (name == null ? "?" : name.getValue().readAsJavaString()));
            }
        });
        return all;
    }
}
