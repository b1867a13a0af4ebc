/**
 * Sieve mail filtering: a lexer and parser for the grammar of RFC 5228 8, a checker that turns
 * the syntax tree into typed commands and tests (refusing unknown commands, missing require and bad
 * arguments with their line number), and an interpreter that runs a script on one message.
 *
 * <p>Standards: RFC 5228 (base), RFC 4790 (i;octet, i;ascii-casemap, i;ascii-numeric), RFC 5229
 * (variables), RFC 5230 and RFC 6131 (vacation, :seconds), RFC 5231 (relational), RFC 5232
 * (imap4flags), RFC 5173 (body :text, :raw), RFC 5235 (spamtest, spamtestplus), RFC 5429 (reject,
 * ereject), RFC 3894 (copy), RFC 5490 (mailbox :create), RFC 3834 (when not to answer).
 *
 * <p>Security: the interpreter is pure (no I/O) and bounded by {@link org.mailplatform.sieve.SieveLimits}:
 * script size, tokens, nesting, steps (including :matches backtracking), run time, actions,
 * redirects and variable sizes. It never throws for any script or message; a runtime error gives
 * the implicit keep with its reason.
 *
 * <p>Entry points: {@link org.mailplatform.sieve.SieveScripts#validate(String)} (upload),
 * {@link org.mailplatform.sieve.SieveScripts#EXTENSIONS} (the SIEVE capability),
 * {@link org.mailplatform.sieve.SieveScripts#compile(String)} and
 * {@link org.mailplatform.sieve.SieveScripts#run}, {@link org.mailplatform.sieve.VacationRules}.
 */
package org.mailplatform.sieve;
