using Hackle.Generators.Naming;
using Xunit;

namespace Hackle.Generators.Tests;

/// <summary>The pure naming rules: PascalCase words, keep Unicode letters, prefix digits, drop the rest.</summary>
public class SanitizerTests
{
    [Theory]
    [InlineData("Checkout", "Checkout")]
    [InlineData("Onboarding Tour", "OnboardingTour")]
    [InlineData("checkout_banner_text", "CheckoutBannerText")]
    [InlineData("new-checkout.v2", "NewCheckoutV2")]
    [InlineData("newCheckout", "NewCheckout")]
    [InlineData("HTTPServer", "HTTPServer")]
    [InlineData("v2beta", "V2Beta")]
    [InlineData("class", "Class")]
    [InlineData("  padded\tname  ", "PaddedName")]
    [InlineData("결제 페이지 개선", "결제페이지개선")]
    [InlineData("온보딩 v2", "온보딩V2")]
    [InlineData("Crème brûlée", "CrèmeBrûlée")]
    public void ConventionalNamesAreNotLossy(string name, string expected)
    {
        var result = IdentifierSanitizer.Sanitize(name, "Fallback");
        Assert.Equal(expected, result.Identifier);
        Assert.False(result.IsLossy);
    }

    [Theory]
    [InlineData("2024 Promo", "_2024Promo")]
    [InlineData("Checkout (v2)!", "CheckoutV2")]
    [InlineData("🚀 Launch", "Launch")]
    [InlineData("A\u200DB", "AB")]
    [InlineData("50% off", "_50Off")]
    [InlineData("!!!", "Fallback")]
    [InlineData("", "Fallback")]
    [InlineData("🚀🚀", "Fallback")]
    public void LossyNamesAreFlagged(string name, string expected)
    {
        var result = IdentifierSanitizer.Sanitize(name, "Fallback");
        Assert.Equal(expected, result.Identifier);
        Assert.True(result.IsLossy);
    }

    [Theory]
    [InlineData("Checkout")]
    [InlineData("결제")]
    [InlineData("_2024Promo")]
    public void UsableVerbatimAcceptsPlainIdentifiers(string name) => Assert.True(IdentifierSanitizer.IsUsableVerbatim(name));

    [Theory]
    [InlineData("class")]
    [InlineData("var")]
    [InlineData("2024")]
    [InlineData("my name")]
    [InlineData("")]
    public void UsableVerbatimRejectsKeywordsAndInvalidText(string name) => Assert.False(IdentifierSanitizer.IsUsableVerbatim(name));

    [Fact]
    public void EveryResultIsAValidIdentifier()
    {
        var inputs = new[] { "a b", "1", "-", "__arglist", "Ⅻ roman", "\u0301accent first", "x\u2028y", "\"quoted\"", "tab\tsep" };
        foreach (var input in inputs)
        {
            var identifier = IdentifierSanitizer.Sanitize(input, "Fallback").Identifier;
            Assert.True(Microsoft.CodeAnalysis.CSharp.SyntaxFacts.IsValidIdentifier(identifier.TrimStart('@')), input + " -> " + identifier);
        }
    }
}
