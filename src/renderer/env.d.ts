// Types for what Vite adds to imports (`?url`, CSS).
/// <reference types="vite/client" />
