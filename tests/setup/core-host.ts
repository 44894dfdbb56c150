// Every test file runs with core's Node host (src/platform/core-host.ts), as every process of the
// app does: the writers read the shipped fonts and draw charts through it.
import { useNodeHost } from '../../src/platform/core-host';

useNodeHost();
