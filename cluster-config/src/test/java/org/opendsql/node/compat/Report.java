package org.opendsql.node.compat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

/** The differential run as markdown: counts per area (corpus file), then every finding. */
public final class Report {
  private Report() {}

  /** The one-paragraph summary, also used as the failing assertion's message. */
  public static String summary(String corpus, Differential.Result r) {
    return String.format("corpus %s: %d files, %d statements (%d queries, %d expected errors): "
            + "%d mismatches, %d corpus problems",
        corpus, r.files().size(), r.statements(), r.queries(), r.errors(),
        r.count(Differential.FindingKind.MISMATCH), r.count(Differential.FindingKind.CORPUS));
  }

  /** The summary and the first findings, one line each, for a test failure message. */
  public static String shortForm(String corpus, Differential.Result r, Path report, int max) {
    String lines = r.findings().stream().limit(max)
        .map(f -> "  " + f.statement().file() + ":" + f.statement().line() + " " + f.kind() + ": " + f.difference())
        .collect(Collectors.joining("\n"));
    String more = r.findings().size() > max ? "\n  ... and " + (r.findings().size() - max) + " more" : "";
    return summary(corpus, r) + " (report: " + report.toAbsolutePath() + ")\n" + lines + more;
  }

  public static void write(Path file, String corpus, String reference, Duration took, Differential.Result r) throws IOException {
    StringBuilder md = new StringBuilder();
    md.append("# Differential report: ").append(corpus).append("\n\n");
    md.append("Reference: ").append(reference).append(". Took ").append(took.toMillis() / 1000.0).append(" s.\n\n");
    md.append("**").append(summary(corpus, r)).append(".**\n\n");
    md.append("Queries are statements that returned rows on PostgreSQL; expected errors are statements "
        + "PostgreSQL rejected as the corpus says (compared by SQLSTATE).\n\n");
    md.append("| area (file) | statements | queries | expected errors | mismatches | corpus problems |\n");
    md.append("|---|---:|---:|---:|---:|---:|\n");
    for (Differential.FileStats f : r.files()) {
      md.append("| ").append(f.file()).append(" | ").append(f.statements()).append(" | ").append(f.queries())
          .append(" | ").append(f.errors()).append(" | ").append(f.mismatches()).append(" | ")
          .append(f.corpusProblems()).append(" |\n");
    }
    md.append("| **total** | ").append(r.statements()).append(" | ").append(r.queries()).append(" | ")
        .append(r.errors()).append(" | ").append(r.count(Differential.FindingKind.MISMATCH)).append(" | ")
        .append(r.count(Differential.FindingKind.CORPUS)).append(" |\n");
    section(md, "Mismatches (OpenDSQL differs from PostgreSQL)", r.findings(), Differential.FindingKind.MISMATCH);
    section(md, "Corpus problems (PostgreSQL did not answer as the corpus says: fix the corpus)", r.findings(),
        Differential.FindingKind.CORPUS);
    Files.createDirectories(file.toAbsolutePath().getParent());
    Files.writeString(file, md, StandardCharsets.UTF_8);
  }

  private static void section(StringBuilder md, String title, List<Differential.Finding> findings, Differential.FindingKind kind) {
    List<Differential.Finding> these = findings.stream().filter(f -> f.kind() == kind).toList();
    if (these.isEmpty()) return;
    md.append("\n## ").append(title).append("\n");
    for (Differential.Finding f : these) {
      md.append("\n### ").append(f.statement().file()).append(":").append(f.statement().line())
          .append(": ").append(escape(f.difference())).append("\n\n");
      md.append("```sql\n").append(f.statement().sql()).append("\n```\n");
      md.append("- PostgreSQL: ").append(escape(f.pg())).append("\n");
      md.append("- OpenDSQL: ").append(escape(f.ours())).append("\n");
    }
  }

  private static String escape(String s) {
    return s.replace("\n", " ").replace("|", "\\|").replace("<", "&lt;");
  }
}
