package org.opendsql.persistence.serialization;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import org.opendsql.core.error.DbException;
import org.opendsql.core.error.Errors;
import org.opendsql.core.error.SqlState;

/**
 * Writes only what reaches a client (state, severity, message, detail, hint): the stack trace is
 * disabled on DbException anyway, and field-by-field reflection over Throwable would drag its
 * internals onto the wire. States go by name so that a node with an older SqlState enum degrades
 * to XX000 instead of picking the wrong code.
 */
final class DbExceptionSerializer extends Serializer<DbException> {
  DbExceptionSerializer() {
    super(false, true);
  }

  @Override
  public void write(Kryo kryo, Output output, DbException e) {
    output.writeString(e.state().name());
    output.writeString(e.severity().name());
    output.writeString(e.getMessage());
    output.writeString(e.detail());
    output.writeString(e.hint());
  }

  @Override
  public DbException read(Kryo kryo, Input input, Class<? extends DbException> type) {
    String stateName = input.readString();
    String severityName = input.readString();
    String message = input.readString();
    String detail = input.readString();
    String hint = input.readString();
    SqlState state;
    try {
      state = SqlState.valueOf(stateName);
    } catch (IllegalArgumentException unknown) {
      state = SqlState.INTERNAL_ERROR;
      message = message + " (unknown SQLSTATE " + stateName + ")";
    }
    DbException.Severity severity =
        "FATAL".equals(severityName) ? DbException.Severity.FATAL : DbException.Severity.ERROR;
    return Errors.restore(state, severity, message, detail, hint);
  }
}
