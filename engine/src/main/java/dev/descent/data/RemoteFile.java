package dev.descent.data;

/** A published file: its name and the MD5 checksum published for it (lowercase hex). */
public record RemoteFile(String name, String md5) {
}
