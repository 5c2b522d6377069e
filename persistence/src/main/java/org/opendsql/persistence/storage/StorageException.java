package org.opendsql.persistence.storage;

/** A storage engine failure (I/O, corruption, closed store). Unchecked: callers cannot recover locally. */
public final class StorageException extends RuntimeException {
  public StorageException(String message, Throwable cause) {
    super(message, cause);
  }

  public StorageException(String message) {
    super(message);
  }
}
