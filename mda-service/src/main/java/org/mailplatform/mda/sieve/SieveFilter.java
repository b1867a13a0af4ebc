package org.mailplatform.mda.sieve;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.BinaryOperator;
import java.util.function.Consumer;
import java.util.function.Function;

import org.mailplatform.records.BodyType;
import org.mailplatform.records.MailEnvelope;
import org.mailplatform.records.MailRecord;
import org.mailplatform.records.Recipient;
import org.mailplatform.sieve.SieveAction;
import org.mailplatform.sieve.SieveInput;
import org.mailplatform.sieve.SieveLimits;
import org.mailplatform.sieve.SieveMessage;
import org.mailplatform.sieve.SieveResult;
import org.mailplatform.sieve.SieveScripts;
import org.mailplatform.sieve.VacationRules;
import org.mailplatform.store.AlreadyExistsException;
import org.mailplatform.store.account.Account;
import org.mailplatform.store.delivery.DeliveryTarget;
import org.mailplatform.store.mailbox.MailboxRepository;
import org.mailplatform.store.message.MessageFlags;
import org.mailplatform.store.message.SystemFlag;
import org.mailplatform.store.sieve.SieveScriptRepository;
import org.mailplatform.store.trace.MessageEvent;
import org.mailplatform.store.trace.MessageEventKind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs an account's active Sieve script at delivery and turns its actions into what the MDA does:
 * copies to store (keep, fileinto with :flags and :create), records for {@code mail.outbound}
 * (redirect, reject) and vacation replies. Never throws: whatever goes wrong, the account gets its
 * plain copy and the reason is logged, counted and traced (RFC 5228 2.10.6: the implicit keep).
 */
public final class SieveFilter {

    private static final Logger log = LoggerFactory.getLogger(SieveFilter.class);
    private static final String SERVICE = "mda";

    private final ActiveScripts scripts;
    private final Function<Long, Optional<ActiveScripts.Active>> active;
    private final SieveScriptRepository repository;
    private final MailboxRepository mailboxes;
    private final BinaryOperator<String> redirectSender;
    private final SieveReplies replies;
    private final SieveLimits limits;
    private final SieveMetrics metrics;
    private final Clock clock;

    /**
     * @param redirectSender the envelope sender a redirect leaves with, from the original sender and
     *                       the account's address (SRS, as for alias forwards)
     */
    public SieveFilter(SieveScriptRepository repository, MailboxRepository mailboxes,
                       BinaryOperator<String> redirectSender, String hostname, SieveProperties properties,
                       SieveMetrics metrics, Clock clock) {
        this.scripts = properties.enabled() ? new ActiveScripts(repository, properties.cacheSize()) : null;
        this.repository = repository;
        this.mailboxes = mailboxes;
        this.redirectSender = redirectSender;
        this.replies = new SieveReplies(hostname, clock);
        this.limits = properties.limits();
        this.metrics = metrics;
        this.clock = clock;
        this.active = scripts == null ? null : scripts::of;
    }

    private SieveFilter(SieveFilter filter, Function<Long, Optional<ActiveScripts.Active>> active) {
        this.scripts = filter.scripts;
        this.repository = filter.repository;
        this.mailboxes = filter.mailboxes;
        this.redirectSender = filter.redirectSender;
        this.replies = filter.replies;
        this.limits = filter.limits;
        this.metrics = filter.metrics;
        this.clock = filter.clock;
        this.active = active;
    }

    /**
     * A filter that looks each account's active script up once, for the records of one batch
     * (delivered within moments of each other, so a script change in between could not be ordered
     * against them anyway).
     */
    public SieveFilter lookingUpOnce() {
        if (scripts == null) {
            return this;
        }
        Map<Long, Optional<ActiveScripts.Active>> seen = new HashMap<>();
        return new SieveFilter(this, accountId -> seen.computeIfAbsent(accountId, scripts::of));
    }

    /** No scripts run: every account gets its plain copy. */
    public static SieveFilter off() {
        return new SieveFilter(null, null, (sender, account) -> sender, "localhost",
                new SieveProperties(false, 1, 4, 32, 1, java.time.Duration.ofSeconds(1), java.time.Duration.ofHours(1)), null, Clock.systemUTC());
    }

    /**
     * The copies to store for one account.
     *
     * @param envelopeTo the envelope recipient that led to the account
     * @param plain      the copy the account gets without a script (INBOX, or Junk for a junk verdict)
     */
    public List<DeliveryTarget> copies(MailRecord record, Account account, String envelopeTo, DeliveryTarget plain,
                                       SieveWork work) {
        if (scripts == null) {
            return List.of(plain);
        }
        try {
            Optional<ActiveScripts.Active> active = this.active.apply(account.id());
            if (active.isEmpty()) {
                return List.of(plain);
            }
            if (active.get().script() == null) {
                return fallBack(record, account, plain, work, SieveMetrics.INVALID_SCRIPT,
                        "script " + active.get().name() + " is invalid: " + active.get().problem());
            }
            MailEnvelope envelope = record.envelope();
            SieveMessage message = SieveMessage.parse(record.message());
            // RFC 5235 3.2: the MTA's verdict is all there is: 10 for junk, 1 for tested and clear.
            SieveInput input = new SieveInput(envelope.mailFrom(), envelopeTo, message, envelope.isJunk() ? 10 : 1,
                    envelope.authenticatedUser());
            SieveResult result = SieveScripts.run(active.get().script(), input, limits);
            if (result.error().isPresent()) {
                return fallBack(record, account, plain, work, SieveMetrics.RUNTIME_ERROR,
                        "script " + active.get().name() + " failed: " + result.error().get());
            }
            return carryOut(record, account, input, plain, result.actions(), work);
        } catch (RuntimeException e) {
            log.warn("Sieve for {} failed, delivering the plain copy", account.address(), e);
            return fallBack(record, account, plain, work, SieveMetrics.INTERNAL_ERROR, "Sieve failed: " + e);
        }
    }

    /** Publishes what the scripts asked for; called once the copies are committed. */
    public void publish(SieveWork work, Consumer<MailRecord> outbound) {
        for (MailRecord record : work.outbound) {
            outbound.accept(record);
        }
        for (SieveWork.Reply reply : work.replies) {
            // RFC 5230 4.2: one reply per sender and handle within the period, across replicas and redeliveries.
            if (repository.claimVacationReply(reply.accountId(), reply.handle(), reply.sender(), reply.period())) {
                outbound.accept(reply.record());
                metrics.action("vacation");
            } else {
                metrics.vacationSuppressed("already_replied");
            }
        }
    }

    private List<DeliveryTarget> carryOut(MailRecord record, Account account, SieveInput input, DeliveryTarget plain,
                                          List<SieveAction> actions, SieveWork work) {
        String plainMailbox = plain.mailbox().orElse("INBOX");
        Map<String, DeliveryTarget> copies = new LinkedHashMap<>();
        List<MailRecord> outbound = new ArrayList<>();
        List<SieveWork.Reply> vacations = new ArrayList<>();
        List<String> done = new ArrayList<>();
        MailEnvelope envelope = record.envelope();
        for (SieveAction action : actions) {
            switch (action) {
                case SieveAction.Keep k -> {
                    MessageFlags flags = flags(k.flags(), plain.flags());
                    add(copies, plainMailbox, new DeliveryTarget(plain.accountId(), plain.mailbox(), plain.headerPrefix(), flags));
                    done.add(k.implicit() ? "implicit keep" : "keep");
                    metrics.action("keep");
                }
                case SieveAction.FileInto f -> {
                    if (f.create()) {
                        create(account, f.mailbox());
                    }
                    add(copies, f.mailbox(), new DeliveryTarget(plain.accountId(), Optional.of(f.mailbox()),
                            plain.headerPrefix(), flags(f.flags(), MessageFlags.none())));
                    done.add("fileinto " + f.mailbox());
                    metrics.action("fileinto");
                }
                case SieveAction.Redirect r -> {
                    outbound.add(redirect(record, account, r.address()));
                    done.add("redirect " + r.address());
                    metrics.action("redirect");
                }
                case SieveAction.Reject r -> {
                    // RFC 5429 2.1: the notice goes to the envelope sender; there is none for <>.
                    if (!envelope.mailFrom().isEmpty()) {
                        byte[] notice = replies.rejection(input.message(), headerSection(record.message()),
                                account.address().toString(), envelope.mailFrom(), r.reason());
                        outbound.add(reply(record, "J", account, envelope.mailFrom(), notice));
                        done.add("reject");
                    } else {
                        done.add("reject (no notice: null sender)");
                    }
                    metrics.action("reject");
                }
                case SieveAction.Discard d -> {
                    done.add("discard");
                    metrics.action("discard");
                }
                case SieveAction.Vacation v -> {
                    List<String> own = new ArrayList<>(v.addresses());
                    own.add(account.address().toString());
                    Optional<String> refusal = VacationRules.refusal(input, own);
                    if (refusal.isPresent()) {
                        metrics.vacationSuppressed("rule");
                        done.add("vacation not sent: " + refusal.get());
                    } else {
                        String from = v.from() != null && own.stream().anyMatch(a -> a.equalsIgnoreCase(bare(v.from())))
                                ? bare(v.from()) : account.address().toString();
                        byte[] reply = replies.vacation(input.message(), from, envelope.mailFrom(), v.subject(),
                                v.reason(), v.mime());
                        vacations.add(new SieveWork.Reply(account.id(), v.handle(),
                                envelope.mailFrom().toLowerCase(Locale.ROOT), v.period(),
                                reply(record, "V", account, envelope.mailFrom(), reply)));
                        done.add("vacation");
                    }
                }
            }
        }
        work.outbound.addAll(outbound);
        work.replies.addAll(vacations);
        work.trace(event(record, account).put("sieve", String.join("; ", done)).build());
        List<DeliveryTarget> out = new ArrayList<>();
        for (DeliveryTarget copy : copies.values()) {
            // The first copy keeps the ledger key of a plain delivery; each further one gets its own.
            out.add(out.isEmpty() ? copy : new DeliveryTarget(copy.accountId(), copy.mailbox(), copy.headerPrefix(),
                    copy.flags(), "sieve:" + copy.mailbox().orElse("INBOX")));
        }
        return out;
    }

    private List<DeliveryTarget> fallBack(MailRecord record, Account account, DeliveryTarget plain, SieveWork work,
                                          String reason, String why) {
        log.warn("Sieve for {}: {}; delivering the plain copy", account.address(), why);
        metrics.failure(reason);
        work.trace(event(record, account).put("sieve", "implicit keep").put("sieveError", why).build());
        return List.of(plain);
    }

    private MessageEvent.Builder event(MailRecord record, Account account) {
        return MessageEvent.of(MessageEventKind.DELIVERED, record.envelope().queueId(), SERVICE, clock.instant())
                .recipient(account.address().toString()).put("account", account.address().toString());
    }

    /** Mailbox names are one copy each; INBOX in any case is INBOX (RFC 9051 5.1). */
    private static void add(Map<String, DeliveryTarget> copies, String mailbox, DeliveryTarget copy) {
        String key = mailbox.equalsIgnoreCase("INBOX") ? "INBOX" : mailbox;
        copies.putIfAbsent(key, copy);
    }

    /** RFC 5490 3.2 :create: the mailbox is made, and subscribed, when it is missing. */
    private void create(Account account, String mailbox) {
        if (mailbox.equalsIgnoreCase("INBOX") || mailboxes.find(account.id(), mailbox).filter(m -> m.selectable()).isPresent()) {
            return;
        }
        try {
            mailboxes.create(account.id(), mailbox);
            mailboxes.subscribe(account.id(), mailbox);
        } catch (AlreadyExistsException e) {
            // Made by a concurrent delivery or client meanwhile: just as good.
        } catch (RuntimeException e) {
            // An unusable name: the store files the copy into INBOX instead (RFC 5228 4.1 allows keeping).
            log.info("Sieve for {}: cannot create mailbox {}: {}", account.address(), mailbox, e.getMessage());
        }
    }

    /** RFC 5232 5: the flags given, or those of the plain copy when none are; names IMAP does not accept are left out. */
    private static MessageFlags flags(List<String> names, MessageFlags plain) {
        List<SystemFlag> system = new ArrayList<>(plain.system());
        List<String> keywords = new ArrayList<>(plain.keywords());
        for (String name : names) {
            if (name.startsWith("\\")) {
                SystemFlag.fromImapName(name).ifPresent(f -> {
                    if (!system.contains(f)) {
                        system.add(f);
                    }
                });
            } else {
                try {
                    MessageFlags.of(List.of(), List.of(name));
                    keywords.add(name);
                } catch (IllegalArgumentException e) {
                    // not an IMAP atom: dropped
                }
            }
        }
        return MessageFlags.of(system, keywords);
    }

    /**
     * RFC 5228 4.2: the message goes on unchanged but for a Delivered-To field that makes it
     * refused if it loops back to this account; the sender is rewritten as for alias forwards.
     */
    private MailRecord redirect(MailRecord record, Account account, String address) {
        MailEnvelope source = record.envelope();
        String accountAddress = account.address().toString();
        MailEnvelope envelope = outboundEnvelope(source, derivedQueueId(source.queueId(), "R", account.id() + "/" + address))
                .mailFrom(redirectSender.apply(source.mailFrom(), accountAddress))
                .recipients(List.of(Recipient.of(address)))
                .build();
        byte[] field = ("Delivered-To: " + accountAddress + "\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] message = new byte[field.length + record.message().length];
        System.arraycopy(field, 0, message, 0, field.length);
        System.arraycopy(record.message(), 0, message, field.length, record.message().length);
        return new MailRecord(envelope, message);
    }

    /** A message of the script's own, from the null sender (RFC 5230 5, RFC 5429 2.1): nothing answers it. */
    private static MailRecord reply(MailRecord record, String kind, Account account, String to, byte[] message) {
        MailEnvelope source = record.envelope();
        MailEnvelope envelope = outboundEnvelope(source, derivedQueueId(source.queueId(), kind, account.id() + "/" + to))
                .mailFrom(MailEnvelope.NULL_SENDER)
                .recipients(List.of(Recipient.of(to)))
                .junk(null)
                .dsnReturn(null)
                .envelopeId(null)
                .requireTls(false)
                .bodyType(BodyType.EIGHT_BIT_MIME)
                .build();
        return new MailRecord(envelope, message);
    }

    private static MailEnvelope.Builder outboundEnvelope(MailEnvelope source, String queueId) {
        return source.toBuilder()
                .queueId(queueId)
                .authenticatedUser(null)
                .clientAddress(null)
                .clientHelo(null)
                .tls(null)
                .attempts(0)
                .firstAttemptAt(null)
                .nextAttemptAt(null);
    }

    /**
     * The same id on every redelivery of the record, so the MTA, idempotent per queue id and
     * recipient, sends each redirect and notice once.
     */
    static String derivedQueueId(String original, String kind, String discriminator) {
        String head = original.length() > 30 ? original.substring(0, 30) : original;
        return head + "." + sha256Hex(original + "\u0000" + kind + "\u0000" + discriminator).substring(0, 16) + "-" + kind;
    }

    private static String bare(String address) {
        String a = address.strip();
        int lt = a.lastIndexOf('<');
        int gt = a.lastIndexOf('>');
        return lt >= 0 && gt > lt ? a.substring(lt + 1, gt).strip() : a;
    }

    private static byte[] headerSection(byte[] message) {
        for (int i = 0; i + 1 < message.length; i++) {
            if (message[i] == '\n' && (message[i + 1] == '\n'
                    || (message[i + 1] == '\r' && i + 2 < message.length && message[i + 2] == '\n'))) {
                return java.util.Arrays.copyOf(message, i + 1);
            }
        }
        return message;
    }

    private static String sha256Hex(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from the JDK", e);
        }
    }
}
