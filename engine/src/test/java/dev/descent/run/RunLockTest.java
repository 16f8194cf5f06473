package dev.descent.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.descent.DescentException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunLockTest {
    @TempDir
    Path dir;

    private final StringWriter notes = new StringWriter();

    private RunLock acquire(Path folder) {
        return RunLock.acquire(folder, "train", new PrintWriter(notes, true));
    }

    @Test
    void theLockNamesItsProcessWhileHeldAndIsGoneAfterClose() throws IOException {
        Path lock = dir.resolve(RunLock.FILE);
        try (RunLock held = acquire(dir)) {
            String text = Files.readString(lock);
            assertTrue(text.startsWith(ProcessHandle.current().pid() + " "), text);
            assertTrue(text.strip().endsWith("descent train"), text);
        }
        assertFalse(Files.exists(lock));
        try (var files = Files.list(dir)) {
            assertEquals(0, files.count(), "no temporary file is left behind");
        }
    }

    @Test
    void aHeldLockRefusesASecondOwner() {
        try (RunLock held = acquire(dir)) {
            DescentException e = assertThrows(DescentException.class, () -> acquire(dir));
            assertTrue(e.getMessage().contains(dir + " is in use by descent train (process "
                    + ProcessHandle.current().pid() + ")"), e.getMessage());
        }
        try (RunLock again = acquire(dir)) {
            assertTrue(Files.exists(dir.resolve(RunLock.FILE)), "free again once the first was closed");
        }
    }

    @Test
    void aLockOfAProcessThatEndedIsTakenOverWithANote() throws Exception {
        Process ended = new ProcessBuilder("true").start();
        ended.waitFor();
        String host = InetAddress.getLocalHost().getHostName();
        Files.writeString(dir.resolve(RunLock.FILE), ended.pid() + " " + host + " descent sweep\n");
        try (RunLock taken = acquire(dir)) {
            assertTrue(Files.readString(dir.resolve(RunLock.FILE)).startsWith(ProcessHandle.current().pid() + " "));
        }
        assertTrue(notes.toString().contains("took over the lock of descent sweep in " + dir + ": process "
                + ended.pid()
                + " is no longer running"), notes.toString());
    }

    @Test
    void aLockOfAnotherHostCountsAsHeld() throws IOException {
        Files.writeString(dir.resolve(RunLock.FILE), "1 some-other-host descent train\n");
        DescentException e = assertThrows(DescentException.class, () -> acquire(dir));
        assertTrue(e.getMessage().contains("process 1 on some-other-host"), e.getMessage());
        assertTrue(e.getMessage().contains("delete " + dir.resolve(RunLock.FILE) + " if that process is gone"),
                e.getMessage());
    }

    @Test
    void aFolderTheLockCreatedIsRemovedWhenNothingWasWrittenInIt() {
        Path fresh = dir.resolve("a/b");
        try (RunLock held = acquire(fresh)) {
            assertTrue(Files.isDirectory(fresh));
        }
        assertFalse(Files.exists(fresh));
    }
}
