package org.opendsql.node;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;

/**
 * The cluster's token signing key, a file in the data folder made at first use. Every node of a
 * cluster must hold the same key (copy the file) for a token to work on any endpoint.
 */
public final class TokenKey {
  private TokenKey() {}

  public static byte[] loadOrCreate(Path dataDir) throws IOException {
    Files.createDirectories(dataDir);
    Path file = dataDir.resolve("token.key");
    if (Files.exists(file)) return Files.readAllBytes(file);
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    Path tmp = dataDir.resolve("token.key.tmp");
    Files.write(tmp, key, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING);
    try {
      Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException ignored) {
      // Not a POSIX file system: the folder's own permissions protect the key.
    }
    try {
      Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    } catch (java.nio.file.FileAlreadyExistsException raced) {
      Files.deleteIfExists(tmp);
    }
    return Files.readAllBytes(file);
  }
}
