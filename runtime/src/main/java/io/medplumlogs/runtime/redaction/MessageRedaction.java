package io.medplumlogs.runtime.redaction;

import java.lang.reflect.Method;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Takes request data out of the free text of a log line ({@code msg}, {@code error}, the messages in {@code stack})
 * that other loggers wrote: our own audit line redacts the path, but Quarkus' error handler logs
 * {@code HTTP Request to /demo/boom?ssn=123 failed} and HAPI FHIR's exception interceptor logs its exceptions'
 * messages, which quote values from the request ({@code Invalid attribute value "Simpson-not-a-date"},
 * {@code Resource Patient/Homer.Simpson is not known}).
 * <ul>
 * <li><b>Query strings in URLs</b>: in a word that contains a {@code /} followed by {@code ?} (or that is only a
 * query with a {@code =}, opened at most by a label, quotes or brackets: {@code Params[?name=x]},
 * {@code url=Patient?name=x}), the query (up to the next space or character a request target cannot hold raw; not
 * {@code '}, which a search value may hold) is redacted by the audit line's {@link QueryRedactor}; the path
 * stays.</li>
 * <li><b>User info in URLs</b>: {@code scheme://user:password@host} is written {@code scheme://***@host}.</li>
 * <li><b>FHIR server exceptions</b> (HAPI's {@code BaseServerResponseException} family such as
 * {@code InvalidRequestException}, {@code ResourceNotFoundException}, {@code UnprocessableEntityException}, and the
 * parser's {@code DataFormatException}): the message is reduced to its {@code HAPI-nnnn} codes and, for a thrown
 * exception, its HTTP status, e.g. {@code HAPI-0971 (HTTP 404, details redacted)}. The same holds where such an
 * exception's text is quoted inside another message ({@code "Failure during REST processing: <class>: <message>"},
 * a wrapping exception's {@code cause.toString()}). Recognised by class name, so HAPI is not a dependency.</li>
 * <li><b>HAPI's messages quoted without a class</b> ({@code ERROR - GET .../Patient HAPI-1940: Invalid ...: "x"},
 * HAPI's {@code LoggingInterceptor} with {@code ${exceptionMessage}}): from the first {@code HAPI-nnnn: } on, the
 * text is reduced to its codes, {@code HAPI-1940 (details redacted)}.</li>
 * <li><b>Values HAPI's parser refused</b>: from {@code Invalid attribute value "} on, any message is reduced to
 * {@code Invalid attribute value (details redacted)}: the lenient parser logs the value as a warning.</li>
 * <li><b>The name typed into a Basic login</b>, as Quarkus' Basic mechanism logs it at DEBUG
 * ({@code Found basic auth header ***:*****}).</li>
 * </ul>
 * Everything else is left as written: a message the application composes itself is the application's
 * responsibility. Methods return their argument unchanged (same instance) when there is nothing to do, after a
 * cheap check, because they run for every log line. Immutable and thread-safe.
 */
public final class MessageRedaction {

    /** What replaces the details of a FHIR server exception's message. */
    public static final String DETAILS_REDACTED = "details redacted";

    private static final String HAPI_PREFIX = "ca.uhn.fhir.";
    /** How HAPI's parser words a value it refused, in its exceptions and its lenient error handler's warnings. */
    private static final String INVALID_VALUE = "Invalid attribute value \"";
    private static final String INVALID_VALUE_REDACTED = "Invalid attribute value (" + DETAILS_REDACTED + ")";
    /**
     * How Quarkus' Basic mechanism logs each attempt at DEBUG ({@code Found basic auth header <name>:***** (decoded
     * using charset UTF-8)}): the name as typed, which may be an e-mail address or a password typed into the name
     * field. Quarkus splits the credential at its first colon, so the name ends at the next one.
     */
    private static final String BASIC_HEADER_FOUND = "Found basic auth header ";
    /** Whole packages whose exceptions carry the server's answer to a request, hence its values. */
    private static final String[] FHIR_EXCEPTION_PACKAGES = { "ca.uhn.fhir.rest.server.exceptions.",
            "ca.uhn.fhir.rest.client.exceptions." };
    /** HAPI's parser exception: what is chained under it is the JSON or XML library's, quoting the body it read. */
    private static final String PARSER_EXCEPTION = "ca.uhn.fhir.parser.DataFormatException";
    /**
     * How many exceptions of one stack trace {@link #stackMessages} looks at: a chain of causes may have no end (a
     * {@code getCause()} that makes a new exception each time), and walking it filled the heap.
     */
    private static final int MAX_WALKED = 4096;
    private static final String[] FHIR_EXCEPTION_CLASSES = { PARSER_EXCEPTION,
            "ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException" };
    private static final Pattern HAPI_CODE = Pattern.compile("HAPI-\\d{4}");
    /** How HAPI starts each of its own messages ({@code Msg.code}): its code, a colon, then the text. */
    private static final Pattern HAPI_CODED_MESSAGE = Pattern.compile("HAPI-\\d{4}: ");
    private static final String HAPI_CODE_TEXT = "HAPI-";
    private static final Pattern CLASS_NAME = Pattern.compile("\\G[\\w.$]+");
    /**
     * What may stand before the {@code ?} of a word that is only a query: a label ({@code Params[}, as HAPI's
     * LoggingInterceptor writes its request parameters; {@code target=}, {@code params:}, {@code Patient}), or a key,
     * {@code =} or {@code :} and a label ({@code url=Patient}, {@code url='Patient}: a Bundle entry's relative URL in
     * the key=value style of log statements and toString()), then quotes or brackets. Possessive: no part ever gives
     * characters back (none could match what follows it), so matching stays linear on a word of many brackets.
     */
    private static final Pattern QUERY_ONLY_PREFIX = Pattern
            .compile("[\\w.-]*+(?:[=:]['(\\[{]*+[\\w.-]*+)?['(\\[{]*+");

    /** Per exception class: its {@code getStatusCode()} if it is a FHIR server exception, NOT_FHIR otherwise. */
    private static final ClassValue<Object> FHIR_STATUS = new ClassValue<>() {
        @Override
        protected Object computeValue(Class<?> type) {
            for (Class<?> c = type; c != null; c = c.getSuperclass()) {
                if (isFhirExceptionName(c.getName())) {
                    try {
                        return type.getMethod("getStatusCode");
                    } catch (NoSuchMethodException | SecurityException e) {
                        return NO_STATUS;
                    }
                }
            }
            return NOT_FHIR;
        }
    };
    private static final Object NOT_FHIR = new Object();
    private static final Object NO_STATUS = new Object();

    // (Fields and constructor: the same Java idiom as elsewhere, nothing to share.)
    private final QueryRedactor queries;
    private final boolean fhirExceptionMessages;

    /**
     * @param queries redacts the query of a URL found in a message
     * @param fhirExceptionMessages keep FHIR server exceptions' messages as they are
     */
    public MessageRedaction(QueryRedactor queries, boolean fhirExceptionMessages) {
        this.queries = queries;
        this.fhirExceptionMessages = fhirExceptionMessages;
    }

    /** The default: URL queries redacted with the default allow-list, FHIR exception messages reduced. */
    public static MessageRedaction defaults() {
        return new MessageRedaction(new QueryRedactor(), false);
    }

    /** A message text ({@code msg}, or an exception's message) with the rules above applied. */
    public String text(String text) {
        if (text == null) {
            return null;
        }
        String result = text;
        if (!fhirExceptionMessages && result.contains(HAPI_PREFIX)) {
            result = quotedFhirExceptions(result);
        }
        if (!fhirExceptionMessages && result.contains(HAPI_CODE_TEXT)) {
            result = codedHapiMessages(result);
        }
        int invalidValue = fhirExceptionMessages ? -1 : result.indexOf(INVALID_VALUE);
        if (invalidValue >= 0) {
            // HAPI's lenient parser logs the value it refused, and its error quotes it again (setErrorOnInvalidValue
            // (false), a common choice: "Patient.birthDate: Invalid attribute value "1956-13-45": ...")
            result = result.substring(0, invalidValue) + INVALID_VALUE_REDACTED;
        }
        int basicHeader = result.indexOf(BASIC_HEADER_FOUND);
        if (basicHeader >= 0) {
            result = typedBasicName(result, basicHeader + BASIC_HEADER_FOUND.length());
        }
        // user info first: a password may hold a '?', which would otherwise start a query that hides only its end
        if (result.indexOf('@') >= 0 && result.contains("://")) {
            result = userInfo(result);
        }
        if (result.indexOf('?') >= 0) {
            result = urlQueries(result);
        }
        return result;
    }

    /** The message of {@code thrown} as it may be logged; {@code null} if it has none. */
    public String message(Throwable thrown) {
        String message = thrown.getLocalizedMessage();
        if (message == null) {
            return null;
        }
        Object status = fhirExceptionMessages ? NOT_FHIR : FHIR_STATUS.get(thrown.getClass());
        if (status == NOT_FHIR) {
            return text(message);
        }
        StringBuilder out = codes(message, 0);
        out.append(out.length() == 0 ? "(" : " (");
        if (status instanceof Method getStatusCode) {
            try {
                out.append("HTTP ").append(getStatusCode.invoke(thrown)).append(", ");
            } catch (ReflectiveOperationException | RuntimeException e) {
                // the status is a nicety; the redaction is what matters
            }
        }
        return out.append(DETAILS_REDACTED).append(')').toString();
    }

    /**
     * The messages of the exceptions in {@code thrown}'s stack trace as they may be logged: {@link #message(Throwable)},
     * except that every exception chained under HAPI's parser exception (its causes and suppressed ones, at any depth)
     * is reduced like a FHIR exception's. HAPI chains the JSON or XML library's exception, whose message quotes the
     * body at the error ({@code JsonParseException: Unrecognized token 'Simpson'}, {@code Undeclared general entity
     * "Jones"}); it is the parser's, not the app's, and says no less than the parser's own message, which is reduced.
     * Past the first {@value #MAX_WALKED} exceptions (a chain without end or absurdly deep), whether an exception is
     * under a parser's is not known: those are reduced as if they were, so that a bound never lets a body through.
     */
    public Function<Throwable, String> stackMessages(Throwable thrown) {
        if (fhirExceptionMessages) {
            return this::message;
        }
        Set<Throwable> underParser = Collections.newSetFromMap(new IdentityHashMap<>());
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<Throwable> todo = new ArrayDeque<>();
        todo.push(thrown);
        while (!todo.isEmpty() && seen.size() < MAX_WALKED) {
            Throwable t = todo.pop();
            if (!seen.add(t)) {
                continue;
            }
            boolean parser = underParser.contains(t) || isParserException(t.getClass());
            for (Throwable next : t.getSuppressed()) {
                if (parser) {
                    underParser.add(next);
                }
                todo.push(next);
            }
            Throwable cause = t.getCause();
            if (cause != null) {
                if (parser) {
                    underParser.add(cause);
                }
                todo.push(cause);
            }
        }
        if (!todo.isEmpty()) {
            return t -> !seen.contains(t) || underParser.contains(t) && FHIR_STATUS.get(t.getClass()) == NOT_FHIR
                    ? parsersCause(t) : message(t);
        }
        if (underParser.isEmpty()) {
            return this::message;
        }
        return t -> underParser.contains(t) && FHIR_STATUS.get(t.getClass()) == NOT_FHIR ? parsersCause(t) : message(t);
    }

    /** A message reduced to its HAPI codes, as a FHIR exception's: {@code (details redacted)} without a status. */
    private static String parsersCause(Throwable t) {
        String message = t.getLocalizedMessage();
        if (message == null) {
            return null;
        }
        StringBuilder out = codes(message, 0);
        return out.append(out.length() == 0 ? "(" : " (").append(DETAILS_REDACTED).append(')').toString();
    }

    private static boolean isParserException(Class<?> type) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            if (PARSER_EXCEPTION.equals(c.getName())) {
                return true;
            }
        }
        return false;
    }

    /** The contract's {@code error} field: {@code ClassName: message}. */
    public String error(Throwable thrown) {
        String message = message(thrown);
        String name = thrown.getClass().getName();
        return message == null ? name : name + ": " + message;
    }

    /** The typed name after {@link #BASIC_HEADER_FOUND} (up to its colon, or the end) written {@code ***}. */
    private static String typedBasicName(String text, int from) {
        int colon = text.indexOf(':', from);
        return text.substring(0, from) + "***" + (colon < 0 ? "" : text.substring(colon));
    }

    static boolean isFhirExceptionName(String name) {
        for (String cls : FHIR_EXCEPTION_CLASSES) {
            if (cls.equals(name)) {
                return true;
            }
        }
        for (String pkg : FHIR_EXCEPTION_PACKAGES) {
            if (name.startsWith(pkg) && name.indexOf('.', pkg.length()) < 0) {
                return true;
            }
        }
        return false;
    }

    /**
     * {@code ...<fhir exception class>: <message>} → {@code ...<class>: HAPI-nnnn (details redacted)}. The message
     * is taken to run to the end of the text: it is where {@code toString()} puts it, and a message may span lines.
     */
    private static String quotedFhirExceptions(String text) {
        int at = text.indexOf(HAPI_PREFIX);
        while (at >= 0) {
            Matcher name = CLASS_NAME.matcher(text);
            if (name.find(at)) {
                int end = name.end();
                if (isFhirExceptionName(text.substring(at, end)) && text.startsWith(": ", end)) {
                    return reducedFrom(text, end + 2);
                }
                at = text.indexOf(HAPI_PREFIX, end);
            } else {
                at = text.indexOf(HAPI_PREFIX, at + 1);
            }
        }
        return text;
    }

    /**
     * {@code ...HAPI-1940: Invalid date/time/quantity format: "1956-13-45"} → {@code ...HAPI-1940 (details redacted)}:
     * a HAPI message quoted without its exception's class, as HAPI's {@code LoggingInterceptor} writes
     * {@code ${exceptionMessage}}. HAPI puts its code before the text of each of its messages, so from the first
     * {@code HAPI-nnnn: } on, the text is HAPI's, to the end (a message may span lines).
     */
    private static String codedHapiMessages(String text) {
        Matcher coded = HAPI_CODED_MESSAGE.matcher(text);
        if (!coded.find()) {
            return text;
        }
        return reducedFrom(text, coded.start());
    }

    /** {@code text} up to {@code from}, then the HAPI codes from there on and {@code (details redacted)}. */
    private static String reducedFrom(String text, int from) {
        StringBuilder codes = codes(text, from);
        return new StringBuilder(from + codes.length() + 20).append(text, 0, from).append(codes)
                .append(codes.length() == 0 ? "(" : " (").append(DETAILS_REDACTED).append(')').toString();
    }

    /** The {@code HAPI-nnnn} codes in {@code text} from {@code from} on, space-separated. */
    private static StringBuilder codes(String text, int from) {
        StringBuilder out = new StringBuilder();
        Matcher code = HAPI_CODE.matcher(text);
        code.region(from, text.length());
        while (code.find()) {
            out.append(out.length() == 0 ? "" : " ").append(code.group());
        }
        return out;
    }

    /**
     * Each {@code .../path?query} word, and a word that is only a query ({@code ?name=x}, what Quarkus' error handler
     * writes for a request target without a path): the query redacted as on the audit line.
     */
    private String urlQueries(String text) {
        StringBuilder out = null;
        int copied = 0;
        int wordStart = 0;
        int wordEnd = 0; // the word of the previous '?': every scan stays inside one word, so this is linear
        int q = text.indexOf('?');
        while (q >= 0) {
            if (q >= wordEnd) {
                wordStart = q;
                while (wordStart > wordEnd && !isWordEnd(text.charAt(wordStart - 1))) {
                    wordStart--;
                }
                wordEnd = q + 1;
                while (wordEnd < text.length() && !isWordEnd(text.charAt(wordEnd))) {
                    wordEnd++;
                }
            }
            int start = wordStart;
            int end = wordEnd;
            boolean url = lastIndexIn(text, '/', start, q) >= 0;
            // a word that is only a query may open with a label, quotes or brackets: ('?name=x'), target='?name=x',
            // Params[?name=x] (HAPI's LoggingInterceptor); its first parameter's name holds no '/' ("why?/fhir/...")
            int firstEquals = indexIn(text, '=', q, end);
            boolean onlyAQuery = !url && firstEquals >= 0 && indexIn(text, '/', q, firstEquals) < 0
                    && QUERY_ONLY_PREFIX.matcher(text).region(start, q).matches();
            if (end > q + 1 && (onlyAQuery || url)) {
                if (out == null) {
                    out = new StringBuilder(text.length());
                }
                int queryEnd = queryEnd(text, start, q, end);
                out.append(text, copied, q + 1).append(queries.redactQuery(text.substring(q + 1, queryEnd)));
                copied = queryEnd;
                q = text.indexOf('?', end);
            } else {
                // not a URL's query ("why?/fhir/Patient?name=x"), but a '?' after a later '/' in the same word is;
                // jumping to that '/' keeps this linear (at most two tries per word)
                int slash = indexIn(text, '/', q, end);
                q = slash >= 0 ? text.indexOf('?', slash) : text.indexOf('?', end);
            }
        }
        if (out == null) {
            return text;
        }
        return out.append(text, copied, text.length()).toString();
    }

    /**
     * Where a word's query ends: at the end of the word, or, for a URL in quotes or brackets ({@code '/x?a=1'.},
     * {@code (?a=1)}), before the closing characters whose opener came before the {@code ?}. Without such an opener
     * (an unclosed quote, {@code O'Brien} inside the query) the query runs to the end of the word: a value is never
     * left out of the redaction.
     */
    private static int queryEnd(String text, int start, int q, int end) {
        int close = end;
        while (close > q + 1 && ".,;:!)]}'".indexOf(text.charAt(close - 1)) >= 0) {
            close--;
        }
        for (int i = close; i < end; i++) {
            char c = text.charAt(i);
            char opener = c == ')' ? '(' : c == ']' ? '[' : c == '}' ? '{' : c == '\'' ? '\'' : 0;
            if (opener != 0 && indexIn(text, opener, start, q) >= 0) {
                return close;
            }
        }
        return end;
    }

    /** The first {@code c} in {@code [from, to)}, or -1. */
    private static int indexIn(String text, char c, int from, int to) {
        for (int i = from; i < to; i++) {
            if (text.charAt(i) == c) {
                return i;
            }
        }
        return -1;
    }

    /** The last {@code c} in {@code [from, to)}, or -1. */
    private static int lastIndexIn(String text, char c, int from, int to) {
        for (int i = to - 1; i >= from; i--) {
            if (text.charAt(i) == c) {
                return i;
            }
        }
        return -1;
    }

    /**
     * {@code scheme://user:password@host...} → {@code scheme://***@host...}: a request target in absolute form may
     * carry credentials, and Quarkus' error handler quotes the target as sent; connection URLs in messages do too.
     */
    private static String userInfo(String text) {
        StringBuilder out = null;
        int copied = 0;
        // the word the last URL was in, its end and its last '@': a word of many URLs is scanned once, not once each
        int wordEnd = -1;
        int wordLastAt = -1;
        int scheme = text.indexOf("://");
        while (scheme >= 0) {
            int authority = scheme + 3;
            int rfcEnd = authority;
            while (rfcEnd < text.length() && !isWordEnd(text.charAt(rfcEnd)) && "/?#".indexOf(text.charAt(rfcEnd)) < 0) {
                rfcEnd++;
            }
            int at = lastIndexIn(text, '@', authority, rfcEnd);
            if (at < 0 && rfcEnd < text.length() && !isWordEnd(text.charAt(rfcEnd))
                    && hasPasswordNotPort(text, authority, rfcEnd)) {
                if (wordEnd < rfcEnd) {
                    wordEnd = rfcEnd;
                    wordLastAt = -1;
                    while (wordEnd < text.length() && !isWordEnd(text.charAt(wordEnd))) {
                        if (text.charAt(wordEnd) == '@') {
                            wordLastAt = wordEnd;
                        }
                        wordEnd++;
                    }
                }
                at = wordLastAt > rfcEnd ? wordLastAt : -1;
            }
            if (at >= 0) {
                if (out == null) {
                    out = new StringBuilder(text.length());
                }
                out.append(text, copied, authority).append("***");
                copied = at;
            }
            scheme = text.indexOf("://", Math.max(rfcEnd, at));
        }
        return out == null ? text : out.append(text, copied, text.length()).toString();
    }

    /**
     * An absolute-form request target ({@code http://user:password@host/path?query}) with its user info written
     * {@code ***}, as in messages; {@code null} when there is none to hide. Needed beyond messages because a password
     * holding '/' or '?' ends RFC 3986's authority early, so the path and query Vert.x derives would hold its end.
     */
    public static String absoluteTargetWithoutUserInfo(String target) {
        if (target == null || target.startsWith("/") || target.indexOf('@') < 0 || !target.contains("://")) {
            return null;
        }
        String masked = userInfo(target);
        return masked.equals(target) ? null : masked;
    }

    /**
     * Whether an authority that RFC 3986 ended at a {@code / ? #} is really {@code user:password} cut short by a
     * password holding that character: its "port" is empty or no number ({@code app:wJal/K7MD@db},
     * {@code app:/K7@db}, {@code :#Zq8@cache}). An IPv6 literal's colons are no port separator.
     */
    private static boolean hasPasswordNotPort(String text, int from, int to) {
        int hostEnd = from < to && text.charAt(from) == '[' ? lastIndexIn(text, ']', from, to) + 1 : from;
        int colon = text.indexOf(':', hostEnd);
        if (colon < 0 || colon >= to) {
            return false;
        }
        if (colon + 1 == to) {
            return true; // "user:" and then '/', '?' or '#': an empty port is no port
        }
        for (int i = colon + 1; i < to; i++) {
            if (text.charAt(i) < '0' || text.charAt(i) > '9') {
                return true;
            }
        }
        return false;
    }

    /**
     * Where a URL word ends: whitespace and what a request target cannot hold raw. Not {@code '}: RFC 3986 allows it
     * unencoded in paths and queries, and a search value such as {@code name=O'Brien&birthdate=...} must not end the
     * query that the rest of the value is in.
     */
    private static boolean isWordEnd(char c) {
        return Character.isWhitespace(c) || c == '"' || c == '<' || c == '>' || c == '`';
    }
}
