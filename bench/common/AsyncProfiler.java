import com.sun.tools.attach.VirtualMachine;

/**
 * Sends one command to async-profiler inside a running JVM, loading it on first use, as its own
 * {@code asprof} launcher does (that launcher is not in the Maven Central jar, the library is):
 * {@code start,event=cpu,interval=1ms} before a load, {@code stop,collapsed,file=out.collapsed} after.
 *
 * Usage: java -cp bench/common/target/classes AsyncProfiler pid /path/libasyncProfiler.so command
 */
public final class AsyncProfiler {

    public static void main(String[] args) throws Exception {
        VirtualMachine vm = VirtualMachine.attach(args[0]);
        try {
            vm.loadAgentPath(args[1], args[2]);
        } finally {
            vm.detach();
        }
    }
}
