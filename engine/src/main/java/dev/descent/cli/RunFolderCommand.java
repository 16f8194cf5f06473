package dev.descent.cli;

import java.nio.file.Path;

/** A command that writes into a run folder: an internal error's stack trace goes there, as error.log. */
interface RunFolderCommand {
    /** The run folder once it exists, else null. */
    Path runFolder();
}
