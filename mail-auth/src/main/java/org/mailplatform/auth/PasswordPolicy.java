package org.mailplatform.auth;

/** What a new password must be. Checked when a password is set, never at login. */
public final class PasswordPolicy {

    /** Upper bound on input that will be hashed, against abuse rather than for strength. */
    public static final int MAX_LENGTH = 1024;

    private final int minLength;

    public PasswordPolicy(int minLength) {
        if (minLength < 1 || minLength > MAX_LENGTH) {
            throw new IllegalArgumentException("minimum password length out of range");
        }
        this.minLength = minLength;
    }

    /** @throws InvalidPasswordException saying what is wrong, never repeating the password */
    public void check(CharSequence password) {
        if (password == null || password.isEmpty()) {
            throw new InvalidPasswordException("password missing");
        }
        int codePoints = Character.codePointCount(password, 0, password.length());
        if (codePoints < minLength) {
            throw new InvalidPasswordException("password shorter than " + minLength + " characters");
        }
        if (password.length() > MAX_LENGTH) {
            throw new InvalidPasswordException("password longer than " + MAX_LENGTH + " characters");
        }
        for (int i = 0; i < password.length(); i++) {
            char c = password.charAt(i);
            // RFC 8265 §4.2.1: OpaqueString disallows control characters; SASL PLAIN cannot carry NUL.
            if (Character.isISOControl(c)) {
                throw new InvalidPasswordException("password contains a control character");
            }
        }
    }

    public int minLength() {
        return minLength;
    }
}
