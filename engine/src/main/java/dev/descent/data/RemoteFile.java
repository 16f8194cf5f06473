package dev.descent.data;

/** A file that can be downloaded: its name (appended to a base URL) and its published MD5, lowercase hex. */
public record RemoteFile(String name, String md5) {}
