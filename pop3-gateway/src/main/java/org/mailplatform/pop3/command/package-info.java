/**
 * The POP3 commands, one class per keyword, each opening with the RFC sections it follows; the
 * table {@link org.mailplatform.pop3.command.Pop3Commands} and the state check in
 * {@link org.mailplatform.pop3.command.Pop3Dispatcher} are the one place a keyword is looked up.
 */
package org.mailplatform.pop3.command;
