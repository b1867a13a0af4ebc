package org.mailplatform.msa.autoconfig;

import static org.mailplatform.msa.autoconfig.Xml.escape;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Optional;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Microsoft Autodiscover, the "plain old XML" protocol Outlook and other clients POST to
 * {@code /autodiscover/autodiscover.xml} ([MS-OXDSCLI] 2.2.3 request, 2.2.4 response; not an RFC). The
 * request names an address in {@code Request/EMailAddress}; the answer lists IMAP, POP3 and SMTP, each
 * once, with the login name, SSL and authentication required.
 *
 * <p>The body comes from anyone on the internet: it is parsed with DTDs refused outright (no entity
 * expansion, no external fetch, XXE) and its size is bounded before it gets here.
 */
final class AutodiscoverPox {

    static final String OUTLOOK_SCHEMA = "http://schemas.microsoft.com/exchange/autodiscover/outlook/responseschema/2006a";
    private static final String RESPONSE_NS = "http://schemas.microsoft.com/exchange/autodiscover/responseschema/2006";

    /** The parts of a request the answer depends on. */
    record Request(String emailAddress, String acceptableResponseSchema) {

        boolean wantsOutlookSchema() {
            return acceptableResponseSchema.isEmpty() || acceptableResponseSchema.equals(OUTLOOK_SCHEMA);
        }
    }

    /** A body that is not a well-formed, DTD-free Autodiscover request. */
    static final class BadRequest extends Exception {
        BadRequest(String message) {
            super(message, null, false, false);
        }
    }

    private AutodiscoverPox() {
    }

    static Request parse(byte[] body) throws BadRequest {
        Document document;
        try {
            DocumentBuilder builder = secureFactory().newDocumentBuilder();
            // Silences the parser's own stderr report; the failure still arrives as an exception.
            builder.setErrorHandler(new DefaultHandler());
            document = builder.parse(new ByteArrayInputStream(body));
        } catch (SAXException | IOException e) {
            throw new BadRequest("not a well-formed XML document without a DTD");
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK's XML parser lacks a required security feature", e);
        }
        Element root = document.getDocumentElement();
        if (!"Autodiscover".equals(localName(root))) {
            throw new BadRequest("the root element is not Autodiscover");
        }
        Element request = child(root, "Request")
                .orElseThrow(() -> new BadRequest("no Autodiscover/Request element"));
        String address = child(request, "EMailAddress").map(e -> e.getTextContent().strip())
                .orElseThrow(() -> new BadRequest("no Request/EMailAddress element"));
        String schema = child(request, "AcceptableResponseSchema").map(e -> e.getTextContent().strip()).orElse("");
        return new Request(address, schema);
    }

    /** The Outlook answer (outlook/responseschema/2006a) for an address of a local domain. */
    static String render(SetupAddress address, ClientServers servers) {
        StringBuilder xml = new StringBuilder(1536);
        String login = escape(address.address());
        xml.append("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n")
                .append("<Autodiscover xmlns=\"").append(RESPONSE_NS).append("\">\n")
                .append("  <Response xmlns=\"").append(OUTLOOK_SCHEMA).append("\">\n")
                .append("    <Account>\n")
                .append("      <AccountType>email</AccountType>\n")
                .append("      <Action>settings</Action>\n");
        // Each protocol appears once ([MS-OXDSCLI] 2.2.4.1.1.2.2.1): the preferred endpoint.
        servers.imap().stream().findFirst().ifPresent(e -> protocol("IMAP", e, login, xml));
        servers.pop3().stream().findFirst().ifPresent(e -> protocol("POP3", e, login, xml));
        servers.smtp().stream().findFirst().ifPresent(e -> protocol("SMTP", e, login, xml));
        xml.append("    </Account>\n  </Response>\n</Autodiscover>\n");
        return xml.toString();
    }

    /** The answer to a request for another response schema (e.g. ActiveSync's mobilesync), which is not served. */
    static String schemaNotAvailable() {
        return "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
                + "<Autodiscover xmlns=\"" + RESPONSE_NS + "\">\n"
                + "  <Response>\n"
                + "    <Error>\n"
                + "      <ErrorCode>601</ErrorCode>\n"
                + "      <Message>Provider is not available for the requested schema</Message>\n"
                + "    </Error>\n"
                + "  </Response>\n"
                + "</Autodiscover>\n";
    }

    private static void protocol(String type, ClientServers.Endpoint e, String login, StringBuilder xml) {
        xml.append("      <Protocol>\n")
                .append("        <Type>").append(type).append("</Type>\n")
                .append("        <Server>").append(escape(e.host())).append("</Server>\n")
                .append("        <Port>").append(e.port()).append("</Port>\n")
                .append("        <DomainRequired>off</DomainRequired>\n")
                .append("        <LoginName>").append(login).append("</LoginName>\n")
                .append("        <SPA>off</SPA>\n");
        if (e.security() == ClientServers.Security.SSL) {
            xml.append("        <SSL>on</SSL>\n");
        } else {
            xml.append("        <Encryption>TLS</Encryption>\n");
        }
        xml.append("        <AuthRequired>on</AuthRequired>\n");
        if ("SMTP".equals(type)) {
            xml.append("        <UsePOPAuth>on</UsePOPAuth>\n")
                    .append("        <SMTPLast>off</SMTPLast>\n");
        }
        xml.append("      </Protocol>\n");
    }

    private static DocumentBuilderFactory secureFactory() throws ParserConfigurationException {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        // A DOCTYPE is a fatal error: no internal entities (billion laughs), no external ones (XXE).
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
        factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        factory.setXIncludeAware(false);
        factory.setExpandEntityReferences(false);
        return factory;
    }

    private static Optional<Element> child(Element parent, String localName) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && localName.equals(localName(e))) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }

    private static String localName(Element e) {
        return e.getLocalName() != null ? e.getLocalName() : e.getTagName();
    }
}
