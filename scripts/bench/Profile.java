import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * Reads a JFR recording's execution samples and prints the samples per thread (digits in thread names
 * folded, so the request threads count as one), then, for the threads matching a pattern, the methods
 * with the largest inclusive share of those threads' samples and the largest self share. Run by
 * scripts/bench/profile.sh: {@code java Profile.java RECORDING THREAD_REGEX [TOP]}.
 */
public class Profile {

    public static void main(String[] args) throws Exception {
        Pattern threads = Pattern.compile(args[1]);
        int top = args.length > 2 ? Integer.parseInt(args[2]) : 40;
        Map<String, Integer> perThread = new HashMap<>();
        Map<String, Map<String, Integer>> inclusive = new HashMap<>();
        Map<String, Map<String, Integer>> self = new HashMap<>();
        for (RecordedEvent event : RecordingFile.readAllEvents(Path.of(args[0]))) {
            if (!event.getEventType().getName().equals("jdk.ExecutionSample") || event.getStackTrace() == null) {
                continue;
            }
            String thread = event.getThread("sampledThread") == null ? "?" : event.getThread("sampledThread").getJavaName();
            String group = thread == null ? "?" : thread.replaceAll("\\d+", "N");
            perThread.merge(group, 1, Integer::sum);
            if (thread == null || !threads.matcher(thread).find()) {
                continue;
            }
            List<RecordedFrame> frames = event.getStackTrace().getFrames();
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < frames.size(); i++) {
                String method = frames.get(i).getMethod().getType().getName() + "." + frames.get(i).getMethod().getName();
                if (i == 0) {
                    self.computeIfAbsent(group, g -> new HashMap<>()).merge(method, 1, Integer::sum);
                }
                if (seen.add(method)) {
                    inclusive.computeIfAbsent(group, g -> new HashMap<>()).merge(method, 1, Integer::sum);
                }
            }
        }
        System.out.println("samples per thread:");
        perThread.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(12)
                .forEach(e -> System.out.printf("  %6d  %s%n", e.getValue(), e.getKey()));
        for (String group : inclusive.keySet().stream().sorted().toList()) {
            int samples = perThread.get(group);
            System.out.printf("%n%s (%d samples), inclusive:%n", group, samples);
            print(inclusive.get(group), samples, top);
            System.out.printf("%s, self:%n", group);
            print(self.get(group), samples, top / 2);
        }
    }

    private static void print(Map<String, Integer> counts, int samples, int top) {
        counts.entrySet().stream()
                .filter(e -> !e.getKey().startsWith("java.") && !e.getKey().startsWith("jdk.") || e.getValue() * 10 >= samples)
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(top)
                .forEach(e -> System.out.printf("  %5.1f%%  %s%n", e.getValue() * 100.0 / samples, e.getKey()));
    }
}
