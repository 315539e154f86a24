package dev.iotemulator.internal.tls;

import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x500.AttributeTypeAndValue;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;

/**
 * The {@code iot:Certificate.*} policy variables of a client certificate (AWS IoT Developer Guide, "X.509
 * Certificate AWS IoT Core policy variables"): subject and issuer attributes, subject alternative names and the
 * serial number. An attribute the certificate lacks is absent, so a statement using it does not apply.
 */
public final class CertificateVariables {

    private static final Map<String, ASN1ObjectIdentifier> ATTRIBUTES = new LinkedHashMap<>();

    static {
        ATTRIBUTES.put("Country", BCStyle.C);
        ATTRIBUTES.put("Organization", BCStyle.O);
        ATTRIBUTES.put("OrganizationalUnit", BCStyle.OU);
        ATTRIBUTES.put("DistinguishedNameQualifier", BCStyle.DN_QUALIFIER);
        ATTRIBUTES.put("State", BCStyle.ST);
        ATTRIBUTES.put("CommonName", BCStyle.CN);
        ATTRIBUTES.put("SerialNumber", BCStyle.SERIALNUMBER);
        ATTRIBUTES.put("Locality", BCStyle.L);
        ATTRIBUTES.put("Title", BCStyle.T);
        ATTRIBUTES.put("Surname", BCStyle.SURNAME);
        ATTRIBUTES.put("GivenName", BCStyle.GIVENNAME);
        ATTRIBUTES.put("Initials", BCStyle.INITIALS);
        ATTRIBUTES.put("Pseudonym", BCStyle.PSEUDONYM);
        ATTRIBUTES.put("GenerationQualifier", BCStyle.GENERATION);
    }

    private static final Map<Integer, String> ALT_NAMES = Map.of(1, "RFC822Name", 2, "DNSName", 4, "DirectoryName",
            6, "UniformResourceIdentifier", 7, "IPAddress");

    private CertificateVariables() {
    }

    /** Variable name (without {@code ${}}) to its values. */
    public static Map<String, List<String>> of(X509Certificate certificate) {
        Map<String, List<String>> vars = new LinkedHashMap<>();
        names(vars, "iot:Certificate.Subject.", X500Name.getInstance(
                certificate.getSubjectX500Principal().getEncoded()));
        names(vars, "iot:Certificate.Issuer.", X500Name.getInstance(certificate.getIssuerX500Principal().getEncoded()));
        vars.put("iot:Certificate.SerialNumber", List.of(certificate.getSerialNumber().toString()));
        try {
            Collection<List<?>> alternatives = certificate.getSubjectAlternativeNames();
            if (alternatives != null) {
                for (List<?> alternative : alternatives) {
                    String kind = ALT_NAMES.get((Integer) alternative.get(0));
                    if (kind != null && alternative.get(1) instanceof String value) {
                        vars.computeIfAbsent("iot:Certificate.SubjectAlternativeName." + kind, k -> new ArrayList<>())
                                .add(value);
                    }
                }
            }
        } catch (CertificateParsingException e) {
            // no usable subject alternative names: the variables stay absent
        }
        return vars;
    }

    private static void names(Map<String, List<String>> vars, String prefix, X500Name name) {
        for (Map.Entry<String, ASN1ObjectIdentifier> attribute : ATTRIBUTES.entrySet()) {
            List<String> values = new ArrayList<>();
            for (RDN rdn : name.getRDNs(attribute.getValue())) {
                for (AttributeTypeAndValue tv : rdn.getTypesAndValues()) {
                    if (tv.getType().equals(attribute.getValue())) {
                        values.add(IETFUtils.valueToString(tv.getValue()));
                    }
                }
            }
            if (!values.isEmpty()) {
                vars.put(prefix + attribute.getKey(), List.of(values.get(0)));
                vars.put(prefix + attribute.getKey() + ".List", values);
            }
        }
    }
}
