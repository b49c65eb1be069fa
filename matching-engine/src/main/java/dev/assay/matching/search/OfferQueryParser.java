package dev.assay.matching.search;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Reads the offer query language:
 * <pre>
 *   query  = { term } [ "order by" key { "," key } ] [ "limit" N ]
 *   term   = field op value | field ("in" | "notin") "[" value { "," value } "]"
 *   op     = "=" | "!=" | "&lt;" | "&lt;=" | "&gt;" | "&gt;="
 *   key    = field [ "asc" | "desc" ]
 * </pre>
 * e.g. {@code gpu_ram>=24 num_gpus>=2 gpu_name in [RTX_4090,RTX_3090] verified=true order by value desc limit 50}.
 * Underscores in values stand for spaces; text compares ignoring case. Every mistake is a
 * {@link QueryParseException} naming the term, its position and what was expected. Queries are bounded
 * ({@value #MAX_QUERY_LENGTH} characters, {@value #MAX_TERMS} terms, {@value #MAX_LIST} values per list,
 * numbers of at most {@value #MAX_DIGITS} digits either side of the point).
 */
public final class OfferQueryParser {

    static final int MAX_QUERY_LENGTH = 2000;
    static final int MAX_TERMS = 50;
    static final int MAX_LIST = 100;
    static final int MAX_DIGITS = 18;
    private static final String FIELDS =
            Arrays.stream(OfferField.values()).map(OfferField::fieldName).collect(Collectors.joining(", "));

    private OfferQueryParser() {}

    public static OfferQuery parse(String query) {
        if (query == null) {
            query = "";
        }
        if (query.length() > MAX_QUERY_LENGTH) {
            throw new QueryParseException(query.substring(0, 20) + "…", 0,
                    "the query is longer than " + MAX_QUERY_LENGTH + " characters");
        }
        return new Reader(new Tokens(query)).query();
    }

    private static final class Reader {
        private final Tokens tokens;
        private final List<Filter> filters = new ArrayList<>();
        private List<SortKey> order;
        private Integer limit;

        Reader(Tokens tokens) {
            this.tokens = tokens;
        }

        OfferQuery query() {
            while (!tokens.atEnd()) {
                Token token = tokens.next();
                if (token.isWord("order")) {
                    orderBy(token);
                } else if (token.isWord("limit")) {
                    limit(token);
                } else {
                    filters.add(term(token));
                    if (filters.size() > MAX_TERMS) {
                        throw new QueryParseException(token.text(), token.position(), "at most " + MAX_TERMS + " terms");
                    }
                }
            }
            return new OfferQuery(filters, order == null ? List.of() : order,
                    limit == null ? OfferQuery.DEFAULT_LIMIT : limit);
        }

        private Filter term(Token first) {
            if (first.kind() != TokenKind.WORD) {
                throw new QueryParseException(first.text(), first.position(), "expected a field name");
            }
            OfferField field = field(first);
            Token opToken = tokens.next();
            Comparison op = (opToken.kind() == TokenKind.OPERATOR || opToken.kind() == TokenKind.WORD)
                    ? Comparison.bySymbol(opToken.text().toLowerCase(Locale.ROOT)).orElse(null)
                    : null;
            if (op == null) {
                throw new QueryParseException(opToken.text(), opToken.position(),
                        "expected an operator after " + field + ": = != < <= > >= in notin");
            }
            if (op.isOrdering() && (field.kind() == OfferField.Kind.TEXT || field.kind() == OfferField.Kind.BOOLEAN)) {
                throw new QueryParseException(opToken.text(), opToken.position(), "'" + op.symbol()
                        + "' compares numbers or versions; " + field + " is " + kindName(field) + ": use = != in notin");
            }
            if (op.isList() && field.kind() == OfferField.Kind.BOOLEAN) {
                throw new QueryParseException(opToken.text(), opToken.position(), field + " is true or false: use = or !=");
            }
            List<String> values = op.isList() ? list(field, op) : List.of(value(field, op, tokens.next()));
            return new Filter(field, op, values);
        }

        private List<String> list(OfferField field, Comparison op) {
            Token open = tokens.next();
            if (open.kind() != TokenKind.OPEN) {
                throw new QueryParseException(open.text(), open.position(),
                        "'" + op.symbol() + "' needs a list like [A,B]");
            }
            List<String> values = new ArrayList<>();
            while (true) {
                values.add(value(field, op, tokens.next()));
                if (values.size() > MAX_LIST) {
                    throw new QueryParseException(open.text(), open.position(), "at most " + MAX_LIST + " values in a list");
                }
                Token after = tokens.next();
                if (after.kind() == TokenKind.CLOSE) {
                    return values;
                }
                if (after.kind() != TokenKind.COMMA) {
                    throw new QueryParseException(after.text(), after.position(), "expected ',' or ']' in the list");
                }
            }
        }

        private String value(OfferField field, Comparison op, Token token) {
            if (token.kind() != TokenKind.WORD) {
                throw new QueryParseException(token.text(), token.position(),
                        "'" + op.symbol() + "' needs a value for " + field);
            }
            String text = token.text();
            return switch (field.kind()) {
                case NUMBER -> {
                    BigDecimal number;
                    try {
                        number = new BigDecimal(text.startsWith("$") ? text.substring(1) : text).stripTrailingZeros();
                    } catch (NumberFormatException e) {
                        throw new QueryParseException(text, token.position(),
                                "'" + op.symbol() + "' needs a number for " + field + ", got '" + text + "'");
                    }
                    // An exponent like 1e999999999 would otherwise print as a billion digits in canonical form.
                    if (number.precision() - number.scale() > MAX_DIGITS || number.scale() > MAX_DIGITS) {
                        throw new QueryParseException(text, token.position(), "'" + op.symbol() + "' needs a number for "
                                + field + " with at most " + MAX_DIGITS + " digits either side of the point, got '"
                                + text + "'");
                    }
                    yield number.toPlainString();
                }
                case VERSION -> {
                    if (Versions.encode(text) < 0) {
                        throw new QueryParseException(text, token.position(),
                                field + " needs a version like 12.4, got '" + text + "'");
                    }
                    yield text;
                }
                case BOOLEAN -> {
                    String lower = text.toLowerCase(Locale.ROOT);
                    if (!lower.equals("true") && !lower.equals("false")) {
                        throw new QueryParseException(text, token.position(), field + " needs true or false, got '" + text + "'");
                    }
                    yield lower;
                }
                case TEXT -> {
                    String normalised = Texts.normalise(text);
                    if (field == OfferField.TIER && !normalised.equals("SECURE") && !normalised.equals("COMMUNITY")) {
                        throw new QueryParseException(text, token.position(), "tier is secure or community, got '" + text + "'");
                    }
                    yield normalised;
                }
            };
        }

        private void orderBy(Token orderToken) {
            if (order != null) {
                throw new QueryParseException(orderToken.text(), orderToken.position(), "'order by' given twice");
            }
            Token by = tokens.next();
            if (!by.isWord("by")) {
                throw new QueryParseException(by.text(), by.position(), "expected 'by' after 'order'");
            }
            List<SortKey> keys = new ArrayList<>();
            do {
                Token name = tokens.next();
                if (name.kind() != TokenKind.WORD) {
                    throw new QueryParseException(name.text(), name.position(), "expected a field to order by");
                }
                OfferField field = field(name);
                boolean descending = false;
                Token direction = tokens.peek();
                if (direction.isWord("desc") || direction.isWord("asc")) {
                    tokens.next();
                    descending = direction.isWord("desc");
                }
                keys.add(new SortKey(field, descending));
            } while (tokens.peek().kind() == TokenKind.COMMA && tokens.next() != null);
            order = keys;
        }

        private void limit(Token limitToken) {
            if (limit != null) {
                throw new QueryParseException(limitToken.text(), limitToken.position(), "'limit' given twice");
            }
            Token n = tokens.next();
            try {
                int value = Integer.parseInt(n.text());
                if (value < 1 || value > OfferQuery.MAX_LIMIT) {
                    throw new NumberFormatException();
                }
                limit = value;
            } catch (NumberFormatException e) {
                throw new QueryParseException(n.text(), n.position(),
                        "limit needs a whole number within 1.." + OfferQuery.MAX_LIMIT);
            }
        }

        private static OfferField field(Token token) {
            return OfferField.byName(token.text()).orElseThrow(() -> new QueryParseException(token.text(),
                    token.position(), "unknown field; expected one of " + FIELDS));
        }

        private static String kindName(OfferField field) {
            return field.kind() == OfferField.Kind.TEXT ? "text" : "true or false";
        }
    }

    enum TokenKind { WORD, OPERATOR, OPEN, CLOSE, COMMA, END }

    record Token(TokenKind kind, String text, int position) {
        boolean isWord(String word) {
            return kind == TokenKind.WORD && text.equalsIgnoreCase(word);
        }
    }

    /** Splits the query into words, operators, brackets and commas; spaces between them are optional. */
    static final class Tokens {
        private final String text;
        private int at;
        private Token peeked;

        Tokens(String text) {
            this.text = text;
        }

        boolean atEnd() {
            return peek().kind() == TokenKind.END;
        }

        Token peek() {
            if (peeked == null) {
                peeked = read();
            }
            return peeked;
        }

        Token next() {
            Token token = peek();
            peeked = null;
            return token;
        }

        private Token read() {
            while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
                at++;
            }
            if (at >= text.length()) {
                return new Token(TokenKind.END, "end of query", text.length());
            }
            int start = at;
            char ch = text.charAt(at);
            switch (ch) {
                case '[' -> {
                    at++;
                    return new Token(TokenKind.OPEN, "[", start);
                }
                case ']' -> {
                    at++;
                    return new Token(TokenKind.CLOSE, "]", start);
                }
                case ',' -> {
                    at++;
                    return new Token(TokenKind.COMMA, ",", start);
                }
                default -> { }
            }
            if (isOperatorChar(ch)) {
                while (at < text.length() && isOperatorChar(text.charAt(at))) {
                    at++;
                }
                return new Token(TokenKind.OPERATOR, text.substring(start, at), start);
            }
            while (at < text.length() && !Character.isWhitespace(text.charAt(at)) && !isOperatorChar(text.charAt(at))
                    && "[],".indexOf(text.charAt(at)) < 0) {
                at++;
            }
            return new Token(TokenKind.WORD, text.substring(start, at), start);
        }

        private static boolean isOperatorChar(char ch) {
            return ch == '<' || ch == '>' || ch == '=' || ch == '!';
        }
    }
}
