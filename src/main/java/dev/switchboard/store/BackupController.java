package dev.switchboard.store;

import java.io.IOException;
import java.net.URI;
import java.util.List;

import org.springframework.core.io.FileSystemResource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.switchboard.web.ApiProblems;

/**
 * Admins take a backup now, list the backups kept, and download one: {@code /api/v1/backups}
 * (the embedded database only; docs/operations.md).
 */
@RestController
@RequestMapping("/api/v1/backups")
public class BackupController {

    private final Backups backups;

    BackupController(Backups backups) {
        this.backups = backups;
    }

    @PostMapping
    ResponseEntity<Backups.Backup> take() throws IOException {
        Backups.Backup backup = backups.take();
        return ResponseEntity.created(URI.create("/api/v1/backups/" + backup.file())).body(backup);
    }

    @GetMapping
    List<Backups.Backup> list() throws IOException {
        return backups.list();
    }

    @GetMapping("/{file}")
    ResponseEntity<?> download(@PathVariable String file) {
        return backups.file(file).<ResponseEntity<?>>map(path -> ResponseEntity.ok()
                        .contentType(MediaType.parseMediaType("application/zip"))
                        .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + path.getFileName() + "\"")
                        .body(new FileSystemResource(path)))
                .orElseGet(() -> ApiProblems.notFound("no backup named " + file));
    }

    /** The backup could not be written (a full disk, a folder it may not write to): said, and logged. */
    @ExceptionHandler(IOException.class)
    ResponseEntity<ProblemDetail> notWritten(IOException e) {
        org.slf4j.LoggerFactory.getLogger(BackupController.class).error("a backup could not be taken", e);
        return ApiProblems.problem(HttpStatus.SERVICE_UNAVAILABLE, "backup-failed", "Backup failed",
                "the backup could not be written: " + e.getMessage());
    }

    @ExceptionHandler(Backups.NotEmbedded.class)
    ResponseEntity<ProblemDetail> notEmbedded(Backups.NotEmbedded e) {
        return ApiProblems.problem(HttpStatus.CONFLICT, "not-embedded", "Not the embedded database", e.getMessage());
    }
}
