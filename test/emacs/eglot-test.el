;;; eglot-test.el --- drives eglot against the Spec Delta language server  -*- lexical-binding: t -*-
;; Run by test/emacs/run.mjs as `emacs --batch -l test/emacs/eglot-test.el` with
;; SPEC_DELTA_EMACS_{NODE,SERVER,WORKSPACE,FILE,RESULT,EVENTS} in the environment. Each step
;; records what eglot saw (or why it failed) in a JSON result that run.mjs asserts on; the
;; events buffer (every message eglot exchanged) is written out for the same.

(require 'eglot)
(require 'json)
(require 'flymake)

(defun spec-delta-env (name)
  (let ((value (getenv name)))
    (unless (and value (not (string-empty-p value))) (error "%s is not set" name))
    value))

(defconst spec-delta-timeout 20 "Seconds to wait for any one event.")
(defvar spec-delta-result (list (cons 'errors nil)))

(defun spec-delta-record (key value)
  (setf (alist-get key spec-delta-result) value))

(defun spec-delta-wait (what condition)
  "Runs Emacs's event loop (process output, timers) until CONDITION holds, at most `spec-delta-timeout'."
  (let ((deadline (+ (float-time) spec-delta-timeout)))
    (while (and (not (funcall condition)) (< (float-time) deadline))
      (accept-process-output nil 0.05))
    (unless (funcall condition) (error "timed out after %ss waiting for %s" spec-delta-timeout what))))

(defmacro spec-delta-step (name &rest body)
  "Runs BODY; a failure is recorded and the next step still runs."
  `(condition-case err (progn ,@body)
     (error (push (format "%s: %s" ,name (error-message-string err)) (alist-get 'errors spec-delta-result)))))

(defun spec-delta-position (pos)
  "POS as 0-based line and column, as LSP counts them in an ASCII buffer."
  (save-excursion
    (goto-char pos)
    (list (1- (line-number-at-pos pos t)) (current-column))))

(defun spec-delta-diagnostics ()
  "The Flymake diagnostics of the buffer, as eglot reported them."
  (mapcar (lambda (d)
            (let ((text (flymake-diagnostic-text d)))
              `((code . ,(and (string-match "\\[\\(SD[0-9]+\\)\\]" text) (match-string 1 text)))
                (start . ,(spec-delta-position (flymake-diagnostic-beg d)))
                (end . ,(spec-delta-position (flymake-diagnostic-end d)))
                (type . ,(symbol-name (flymake-diagnostic-type d)))
                (text . ,text))))
          (flymake-diagnostics)))

(defun spec-delta-changes-sent ()
  "Sends the buffer's changes now: eglot sends them from an idle timer, and batch Emacs is never idle."
  (eglot--signal-textDocument/didChange))

(defun spec-delta-codes ()
  (mapcar (lambda (d) (alist-get 'code d)) (spec-delta-diagnostics)))

;; No lock, backup or auto-save files in the workspace; the buffer is never saved.
(setq create-lockfiles nil make-backup-files nil auto-save-default nil)
;; Flymake reports as soon as the server publishes (eglot only reports on an idle timer otherwise).
(setq flymake-no-changes-timeout 0.1)
(setq eglot-sync-connect spec-delta-timeout eglot-connect-timeout spec-delta-timeout)

;; Emacs 28 has no Markdown mode built in; the mode's name gives eglot the languageId `markdown'.
(define-derived-mode markdown-mode text-mode "Markdown")
(add-to-list 'auto-mode-alist '("\\.md\\'" . markdown-mode))
(let ((node (spec-delta-env "SPEC_DELTA_EMACS_NODE"))
      (server (spec-delta-env "SPEC_DELTA_EMACS_SERVER")))
  (add-to-list 'eglot-server-programs `(markdown-mode . (,node ,server "--stdio"))))
;; The workspace is the project (it is no version-control checkout).
(let ((root (file-name-as-directory (spec-delta-env "SPEC_DELTA_EMACS_WORKSPACE"))))
  (add-hook 'project-find-functions (lambda (_dir) (cons 'transient root))))

(defun spec-delta-run ()
  (find-file (spec-delta-env "SPEC_DELTA_EMACS_FILE"))
  (let (server)
    (spec-delta-step "start"
      (eglot-ensure)
      ;; eglot-ensure connects from post-command-hook, which batch mode never runs.
      (run-hooks 'post-command-hook)
      (spec-delta-wait "eglot to connect" (lambda () (eglot-current-server)))
      (setq server (eglot-current-server))
      (spec-delta-record 'serverInfo (plist-get (eglot--server-info server) :name)))

    (spec-delta-step "diagnostics"
      (spec-delta-wait "SD001, SD006, SD007 and SD012"
                       (lambda () (let ((codes (spec-delta-codes)))
                                    (and (member "SD001" codes) (member "SD006" codes) (member "SD007" codes) (member "SD012" codes))))))
    (spec-delta-record 'diagnostics (vconcat (spec-delta-diagnostics)))

    (spec-delta-step "completion"
      (goto-char (point-min))
      (re-search-forward "^\\*\\*Status\\*\\*: ")
      (let* ((capf (eglot-completion-at-point))
             (items (and capf (all-completions "" (nth 2 capf)))))
        (spec-delta-record 'completion (vconcat items))))

    (spec-delta-step "codeAction"
      (let* ((actions (eglot-code-actions (point-min) (save-excursion (goto-char (point-min)) (line-end-position))))
             (insert (seq-find (lambda (a) (equal (plist-get a :title) "Insert the missing 'Review Checklist' section")) actions)))
        (spec-delta-record 'codeActions (vconcat (mapcar (lambda (a) (plist-get a :title)) actions)))
        (unless insert (error "no Insert the missing 'Review Checklist' section action"))
        (eglot--apply-workspace-edit (plist-get insert :edit))
        (spec-delta-changes-sent)
        (spec-delta-record 'hasReviewChecklist
                           (save-excursion (goto-char (point-min)) (and (re-search-forward "^## Review Checklist$" nil t) t)))
        (spec-delta-wait "SD001 to go after the insertion" (lambda () (not (member "SD001" (spec-delta-codes)))))))
    (spec-delta-record 'afterCodeAction (vconcat (spec-delta-diagnostics)))

    (spec-delta-step "edit"
      (goto-char (point-min))
      (re-search-forward "^\\*\\*Severity\\*\\*: \\(Hihg\\)$")
      (replace-match "High" t t nil 1)
      (spec-delta-changes-sent)
      (spec-delta-wait "the Severity SD006 to go after typing High"
                       (lambda () (not (seq-find (lambda (d) (and (equal (alist-get 'code d) "SD006") (equal (car (alist-get 'start d)) 5)))
                                                 (spec-delta-diagnostics))))))
    (spec-delta-record 'afterEdit (vconcat (spec-delta-diagnostics)))

    (when server
      (let ((events (jsonrpc-events-buffer server)))
        (with-temp-file (spec-delta-env "SPEC_DELTA_EMACS_EVENTS")
          (insert (with-current-buffer events (buffer-string)))))
      ;; eglot-shutdown's sequence, except that Emacs 28's jsonrpc-shutdown kills the process right
      ;; after sending exit, before it could end by itself: here it is given the time to.
      (spec-delta-step "shutdown"
        (let ((process (jsonrpc--process server)))
          (setf (eglot--shutdown-requested server) t)
          (spec-delta-record 'shutdownReply (jsonrpc-request server :shutdown nil :timeout spec-delta-timeout))
          (jsonrpc-notify server :exit nil)
          (spec-delta-wait "the server process to end by itself" (lambda () (not (process-live-p process))))
          (spec-delta-record 'exitStatus (process-exit-status process)))))))

(spec-delta-step "run" (spec-delta-run))
(with-temp-file (spec-delta-env "SPEC_DELTA_EMACS_RESULT")
  (insert (json-encode spec-delta-result)))
(kill-emacs (if (alist-get 'errors spec-delta-result) 1 0))
