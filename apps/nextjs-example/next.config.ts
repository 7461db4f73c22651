import type { NextConfig } from 'next';

// Nothing to configure: @livedata/nextjs reads LIVEDATA_* from the server's environment
// at request time, so no secret is ever inlined into a bundle.
const nextConfig: NextConfig = {};

export default nextConfig;
