-- i18n/en/site.lua: English texts shared by every page.
return {
    ["site.name"] = "Grocer",
    ["site.language"] = "Language",
    ["site.lang.vi"] = "Tiếng Việt",
    ["site.lang.en"] = "English",
    ["site.footer"] = "Grocer supermarket: fresh food every day.",
    ["home.title"] = "Home",
    ["home.heading"] = "Welcome to Grocer",
    ["home.soon"] = "Aisles, promotions and product search are coming here soon.",
    ["error.home_link"] = "Back to the home page",
    ["error.404.title"] = "Page not found",
    ["error.404.body"] = "The page you are looking for does not exist or has moved.",
    ["error.405.title"] = "Action not supported",
    ["error.405.body"] = "This page does not accept that kind of request.",
    ["error.500.title"] = "Something went wrong",
    ["error.500.body"] = "We are fixing it. Please try again in a few minutes.",
}
