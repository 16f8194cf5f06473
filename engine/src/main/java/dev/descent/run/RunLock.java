package dev.descent.run;

import dev.descent.DescentException;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A run or sweep folder's lock: the file {@value #FILE} holding the owner's process id, host and
 * command, present while a {@code train}, {@code report} or {@code sweep} works in the folder.
 *
 * <p>The lock is taken atomically by hard-linking a complete file of the owner's to {@value #FILE}
 * (a link fails when the name exists), so a reader never sees a half-written lock. It is deleted on
 * {@link #close} and by a shutdown hook (SIGTERM, {@code System.exit}). A lock left by a process that
 * died ({@code kill -9}) names a process id that no longer runs on this host: it is taken over, with a
 * note. Taking over renames the stale file away first; of two processes taking over at once, only the
 * one whose rename found the stale file goes on, and one that renamed a fresh lock puts it back.
 */
public final class RunLock implements AutoCloseable {
    public static final String FILE = "descent.lock";

    private final Path file;
    private final boolean createdFolder;
    private final Thread cleanup;
    private boolean released;

    private RunLock(Path file, boolean createdFolder) {
        this.file = file;
        this.createdFolder = createdFolder;
        this.cleanup = new Thread(this::delete, "descent-lock-cleanup");
        Runtime.getRuntime().addShutdownHook(cleanup);
    }

    /**
     * Locks {@code folder} (created if needed) for {@code command} ("train", "report", "sweep");
     * throws a DescentException naming the process that holds it. Notes on a taken-over lock go to
     * {@code notes}.
     */
    public static RunLock acquire(Path folder, String command, PrintWriter notes) {
        Path lock = folder.resolve(FILE);
        long pid = ProcessHandle.current().pid();
        String owner = pid + " " + localHost() + " descent " + command + "\n";
        Path mine = folder.resolve("." + FILE + "." + pid + ".tmp");
        try {
            boolean created = !Files.exists(folder);
            Files.createDirectories(folder);
            Files.writeString(mine, owner);
            try {
                for (int attempt = 0; attempt < 3; attempt++) {
                    try {
                        Files.createLink(lock, mine);
                        return new RunLock(lock, created);
                    } catch (FileAlreadyExistsException held) {
                        Optional<Holder> holder = Holder.read(lock);
                        if (holder.isEmpty()) continue;   // released meanwhile
                        if (holder.get().alive()) throw inUse(folder, holder.get());
                        if (takeOver(lock, holder.get(), pid)) {
                            notes.printf("descent: took over the lock of %s in %s: process %d is no longer running%n",
                                    holder.get().command(), folder, holder.get().pid());
                            notes.flush();
                        }
                    }
                }
                Optional<Holder> holder = Holder.read(lock);
                throw holder.isPresent() ? inUse(folder, holder.get())
                        : new DescentException("cannot lock " + folder + ": " + lock + " keeps changing; try again");
            } finally {
                Files.deleteIfExists(mine);
            }
        } catch (IOException e) {
            String what = command.equals("sweep") ? "sweep folder " : "run folder ";
            String why = Files.exists(folder) && !Files.isDirectory(folder) ? "it is a file"
                    : e.getClass().getSimpleName().replace("Exception", "") + " " + e.getMessage();
            throw new DescentException("cannot write the " + what + folder + " (to lock it in " + FILE + "): " + why);
        }
    }

    private static DescentException inUse(Path folder, Holder holder) {
        return new DescentException(folder + " is in use by " + holder.command() + " (process " + holder.pid()
                + (holder.local() ? "" : " on " + holder.host()) + "); wait for it to end or use another folder"
                + (holder.local() ? "" : " (delete " + folder.resolve(FILE) + " if that process is gone)"));
    }

    /** Moves a stale lock away; false (and the lock put back) when what was moved was not the stale one. */
    private static boolean takeOver(Path lock, Holder stale, long pid) throws IOException {
        Path moved = lock.resolveSibling("." + FILE + "." + pid + ".stale.tmp");
        try {
            Files.move(lock, moved);
        } catch (NoSuchFileException gone) {
            return false;
        }
        try {
            Optional<Holder> was = Holder.read(moved);
            if (was.isPresent() && was.get().equals(stale)) return true;
            // Another process took the stale lock over first and we moved its fresh one: put it back.
            try {
                Files.createLink(lock, moved);
            } catch (FileAlreadyExistsException ignored) {
                // a third process holds the name now; the next attempt reports whoever that is
            }
            return false;
        } finally {
            Files.deleteIfExists(moved);
        }
    }

    /** Deletes the lock (and the folder, if locking created it and nothing was written); the folder is free. */
    @Override
    public void close() {
        delete();
        try {
            Runtime.getRuntime().removeShutdownHook(cleanup);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or has run
        }
    }

    private synchronized void delete() {
        if (released) return;
        released = true;
        try {
            Files.deleteIfExists(file);
            if (createdFolder) {
                try (var left = Files.list(file.getParent())) {
                    if (left.findAny().isEmpty()) Files.deleteIfExists(file.getParent());
                }
            }
        } catch (IOException e) {
            // Nothing to do at exit; the next run finds a lock of a dead process and takes it over.
        }
    }

    private static String localHost() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "localhost";
        }
    }

    /** Who holds a lock, as its file says. */
    record Holder(long pid, String host, String command) {
        static Optional<Holder> read(Path lock) throws IOException {
            String text;
            try {
                text = Files.readString(lock, StandardCharsets.UTF_8).strip();
            } catch (NoSuchFileException e) {
                return Optional.empty();
            }
            String[] fields = text.split(" ", 3);
            try {
                return Optional.of(new Holder(Long.parseLong(fields[0]), fields.length > 1 ? fields[1] : "?",
                        fields.length > 2 ? fields[2] : "descent"));
            } catch (NumberFormatException e) {
                // Not a lock descent wrote: treat it as held by nobody alive, so it is taken over with a note.
                return Optional.of(new Holder(-1, localHost(), "an unreadable lock"));
            }
        }

        boolean local() {
            return host.equals(localHost());
        }

        /** A lock of another host cannot be checked and counts as held. */
        boolean alive() {
            if (!local()) return true;
            if (pid == ProcessHandle.current().pid()) return true;
            return pid > 0 && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
        }
    }
}
