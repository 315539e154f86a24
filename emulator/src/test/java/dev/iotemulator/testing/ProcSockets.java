package dev.iotemulator.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The TCP sockets a process has open, read from the kernel's own tables ({@code /proc/<pid>/fd} for its socket
 * inodes, {@code /proc/net/tcp} and {@code tcp6} for what they are), not from the process's word.
 */
public final class ProcSockets {

    private ProcSockets() {
    }

    /** A TCP socket from /proc/net/tcp{,6}. */
    public record Socket(String local, String remote, int state, long inode) {
        public boolean listening() {
            return state == 0x0A;
        }

        public int localPort() {
            return Integer.parseInt(local.substring(local.indexOf(':') + 1), 16);
        }

        public boolean localIsLoopback() {
            return isLoopback(local.substring(0, local.indexOf(':')));
        }

        public boolean remoteIsLoopback() {
            String addr = remote.substring(0, remote.indexOf(':'));
            return isLoopback(addr) || addr.matches("0+");
        }

        private static boolean isLoopback(String hex) {
            if (hex.length() == 8) {
                return hex.endsWith("7F");
            }
            return hex.equals("00000000000000000000000001000000")
                    || (hex.startsWith("0000000000000000FFFF0000") && hex.endsWith("7F"));
        }
    }

    public static List<Socket> ofThisProcess() throws IOException {
        return of("self");
    }

    public static List<Socket> of(long pid) throws IOException {
        return of(Long.toString(pid));
    }

    private static List<Socket> of(String pid) throws IOException {
        Set<Long> inodes = new HashSet<>();
        try (Stream<Path> fds = Files.list(Path.of("/proc", pid, "fd"))) {
            for (Path fd : fds.toList()) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[")) {
                        inodes.add(Long.parseLong(target.substring(8, target.length() - 1)));
                    }
                } catch (IOException gone) {
                    // the descriptor closed while we listed it
                }
            }
        }
        List<Socket> sockets = new ArrayList<>();
        for (String table : List.of("tcp", "tcp6")) {
            List<String> lines = Files.readAllLines(Path.of("/proc", pid, "net", table));
            for (String line : lines.subList(1, lines.size())) {
                String[] f = line.trim().split("\\s+");
                long inode = Long.parseLong(f[9]);
                if (inodes.contains(inode)) {
                    sockets.add(new Socket(f[1], f[2], Integer.parseInt(f[3], 16), inode));
                }
            }
        }
        return sockets;
    }
}
